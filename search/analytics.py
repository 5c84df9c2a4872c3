"""Search analytics without personal data: per site, per week, per normalised query.

A public search costs one Redis call: `record_later` appends a compact record to a list
(`QUEUE_KEY`), and `drain`, run by Celery beat every minute (search/schedule.py), takes
them off in batches and writes the counts in one upsert per batch. No Celery message per
search. What happens when something is down:

- the worker or beat: the records wait in the list, up to `QUEUE_CAP`; past the cap a
  new search is not counted (the list keeps the older ones) and a counter says how many
  were dropped; the next drain logs that number;
- Redis: the search is answered as usual and not counted (portal/cache.py's circuit
  breaker; the outage is logged once);
- the database during a drain: the batch goes back to the head of the list, for the
  next run. Only a worker killed between taking a batch and committing it loses it.

With no REDIS_URL (the embedded demo) the count is written at once, as the eager task
did.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from portal.cache import FAILURES, breaker_for

from .text import fold

logger = logging.getLogger(__name__)

# Citizen ID / phone numbers (9+ digits, maybe spaced or dotted) and e-mail addresses.
_PERSONAL = re.compile(r"(?:\d[\s.\-]?){9,}|\S+@\S+")
_SPACES = re.compile(r"\s+")

QUEUE_KEY = "search:analytics:queue"
DROPPED_KEY = "search:analytics:dropped"
# About 60 bytes a record: at most some 10 MB of Redis, a day of a busy province's
# searches with no worker.
QUEUE_CAP = 100_000
DRAIN_BATCH = 2_000

# Append unless the list is full; count the refusals. One round trip.
_PUSH = """
if redis.call('LLEN', KEYS[1]) < tonumber(ARGV[2]) then
  return redis.call('RPUSH', KEYS[1], ARGV[1])
end
redis.call('INCR', KEYS[2])
return 0
"""


def normalise(query: str) -> str:
    """Folded, lowercase, single-spaced; personal-looking queries become a placeholder."""
    if _PERSONAL.search(query):
        return gettext("(đã ẩn: có thể chứa thông tin cá nhân)")
    return _SPACES.sub(" ", fold(query)).strip()[:120]


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def record(tenant_id: int, query: str, found: bool) -> None:
    """Count one search at once (an upsert)."""
    write([(tenant_id, week_of(timezone.localdate()), query, found)])


def write(searches: Iterable[tuple[int, date, str, bool]]) -> int:
    """Count searches (site, week, query as typed, found): one upsert for all, the same
    rows as one `record` per search. Searches of a deleted site are left out. Returns
    the number of rows written."""
    from tenants.models import Tenant

    counts: Counter[tuple[int, date, str]] = Counter()
    zero: Counter[tuple[int, date, str]] = Counter()
    for tenant_id, week, query, found in searches:
        text = normalise(query)
        if text:
            counts[(tenant_id, week, text)] += 1
            zero[(tenant_id, week, text)] += 0 if found else 1
    sites = {tenant_id for tenant_id, _, _ in counts}
    existing = set(Tenant.objects.filter(pk__in=sites).values_list("pk", flat=True))
    # Sorted: two drains at once lock the rows in the same order (no deadlock).
    rows = sorted(key for key in counts if key[0] in existing)
    if not rows:
        return 0
    columns = [
        [key[0] for key in rows],
        [key[1] for key in rows],
        [key[2] for key in rows],
        [counts[key] for key in rows],
        [zero[key] for key in rows],
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO search_searchquerystat (tenant_id, week, query, searches, zero_results)
               SELECT * FROM unnest(%s::bigint[], %s::date[], %s::text[], %s::int[], %s::int[])
               ON CONFLICT (tenant_id, week, query) DO UPDATE SET
                 searches = search_searchquerystat.searches + EXCLUDED.searches,
                 zero_results = search_searchquerystat.zero_results + EXCLUDED.zero_results""",
            columns,
        )
    return len(rows)


def record_later(tenant_id: int, query: str, found: bool) -> None:
    """Queue the count: the results page stays read-only and never fails on it."""
    if not settings.REDIS_URL:
        # robust: a failed count is logged, it never breaks the search.
        transaction.on_commit(lambda: record(tenant_id, query[:200], found), robust=True)
        return
    breaker = breaker_for(settings.REDIS_URL)
    if breaker.is_open:
        return
    item = encode(tenant_id, week_of(timezone.localdate()), query, found)
    try:
        _push_script()(keys=[_key(QUEUE_KEY), _key(DROPPED_KEY)], args=[item, QUEUE_CAP])
    except FAILURES as error:
        breaker.failed(error)
        return
    breaker.succeeded()


def encode(tenant_id: int, week: date, query: str, found: bool) -> str:
    """`[site, week as a day number, found, query]`: some 40 bytes plus the query."""
    return json.dumps(
        [tenant_id, week.toordinal(), int(found), query[:200]],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def decode(item: bytes | str) -> tuple[int, date, str, bool] | None:
    try:
        tenant_id, day, found, query = json.loads(item)
        return int(tenant_id), date.fromordinal(int(day)), str(query), bool(found)
    except (ValueError, TypeError):
        logger.warning("search analytics: unreadable record skipped: %r", item[:100])
        return None


def drain(batch: int = DRAIN_BATCH) -> int:
    """Write the queued searches to the database, a batch at a time, until the list is
    empty; the number of searches taken. Called by Celery beat (tasks.drain_analytics)."""
    if not settings.REDIS_URL:
        return 0
    client = _client()
    queue = _key(QUEUE_KEY)
    taken = 0
    # gettext in normalise: the placeholder in the site's default language, as a worker
    # writes it, whatever language this thread last served.
    with translation.override(settings.LANGUAGE_CODE):
        while True:
            try:
                items = client.lpop(queue, batch)  # atomic: a search is taken by one drain
            except FAILURES as error:
                logger.warning("search analytics not drained, Redis unavailable: %s", error)
                return taken
            if not items:
                break
            try:
                with transaction.atomic():
                    write(filter(None, map(decode, items)))
            except Exception:
                client.lpush(queue, *reversed(items))  # back at the head, for the next run
                raise
            taken += len(items)
            if len(items) < batch:
                break
    try:
        dropped = int(client.getdel(_key(DROPPED_KEY)) or 0)
    except FAILURES:
        dropped = 0
    if dropped:
        logger.warning(
            "search analytics: %d searches not counted, the queue was full (%d)",
            dropped,
            QUEUE_CAP,
        )
    return taken


def queued() -> int:
    """How many searches wait in the list (0 without Redis)."""
    if not settings.REDIS_URL:
        return 0
    try:
        return int(_client().llen(_key(QUEUE_KEY)))
    except FAILURES:
        return 0


def _key(name: str) -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:{name}"


def _client():
    from portal.page_cache import client

    return client()  # short timeouts: a dead Redis must not hold a search


@cache
def _script_for(url: str):
    return _client().register_script(_PUSH)


def _push_script():
    return _script_for(settings.REDIS_URL)
