"""Visit statistics counted by the platform itself: Redis per site, page and day, flushed
to PostgreSQL (VisitDaily) by a periodic task. A page view costs one Redis round trip and
no database write.

What is stored: the site, the path (without query string) and the day. Never an IP
address, a user agent, a cookie or a session.

Who is not counted (the documented bot rule): requests other than GET; requests with an
empty User-Agent or one matching BOT_PATTERN (crawlers, link previews, monitors, command
line clients, headless browsers, our own measurement bot); prefetches (`Purpose`/
`Sec-Purpose: prefetch`); admin pages.

When Redis is down, pages are served as usual and the views of that interval are not
counted: that is the only loss. Each site keeps at most MAX_PATHS distinct paths a day;
more go to the "(khác)" row, so random URLs cannot bloat the store.
"""

from __future__ import annotations

import logging
import re
import uuid
from datetime import date, timedelta
from functools import cache

import redis
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from .models import VisitDaily

logger = logging.getLogger(__name__)

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|zalo|monitor|uptime|"
    r"curl|wget|python|java/|go-http|httpclient|okhttp|headless|lighthouse|pagespeed|"
    r"phantomjs|selenium|playwright|scrapy|feedfetcher|validator",
    re.IGNORECASE,
)
MAX_PATHS = 2000
OTHER_PATH = "(khác)"
TTL = 10 * 24 * 3600

_INCREMENT = """
local field = ARGV[1]
if redis.call('HEXISTS', KEYS[1], field) == 0
   and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[2]) then
  field = ARGV[3]
end
redis.call('HINCRBY', KEYS[1], field, tonumber(ARGV[6] or 1))
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('SADD', KEYS[2], ARGV[4])
redis.call('INCRBY', KEYS[3], tonumber(ARGV[6] or 1))
redis.call('EXPIRE', KEYS[3], 172800)
return 1
"""


def redis_url() -> str:
    return settings.COMPLIANCE_VISITS_REDIS_URL or settings.REDIS_URL


def prefix() -> str:
    return getattr(settings, "COMPLIANCE_VISITS_PREFIX", "cv")


@cache
def _client(url: str) -> redis.Redis:
    # Short timeouts: a slow or dead Redis must not slow a page down.
    return redis.Redis.from_url(
        url, socket_timeout=0.3, socket_connect_timeout=0.3, health_check_interval=30
    )


def client() -> redis.Redis | None:
    url = redis_url()
    return _client(url) if url else None


def is_page(response) -> bool:
    """An HTML page (any status but a redirect), not a feed, a file or JSON."""
    content_type = response.get("Content-Type", "")
    redirect = 300 <= response.status_code < 400
    return content_type.startswith("text/html") and not redirect and not response.streaming


def will_count(request) -> bool:
    """Whether this request's page is counted (by compliance/middleware.py, once served)."""
    return getattr(request, "tenant", None) is not None and is_countable(request)


def is_countable(request) -> bool:
    if request.method != "GET" or request.path.startswith("/admin/"):
        return False
    agent = request.headers.get("User-Agent", "")
    if not agent or BOT_PATTERN.search(agent):
        return False
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    return "prefetch" not in purpose.lower()


def _keys(tenant_id: int, day: date) -> tuple[str, str, str]:
    stamp = day.strftime("%Y%m%d")
    p = prefix()
    return f"{p}:{tenant_id}:{stamp}", f"{p}:pending", f"{p}:today:{tenant_id}:{stamp}"


def count_view(request) -> bool:
    """Count one page view of request.tenant; False when not counted (bot, Redis down)."""
    tenant = getattr(request, "tenant", None)
    connection_ = client()
    if tenant is None or connection_ is None or not is_countable(request):
        return False
    day = timezone.localdate()
    hits, pending, today = _keys(tenant.pk, day)
    path = request.path[:200]
    try:
        connection_.eval(
            _INCREMENT,
            3,
            hits,
            pending,
            today,
            path,
            MAX_PATHS,
            OTHER_PATH,
            f"{tenant.pk}:{day:%Y%m%d}",
            TTL,
        )
    except redis.RedisError as exc:
        logger.warning("visit not counted, Redis unavailable: %s", exc)
        return False
    return True


def live_today(tenant_id: int) -> int | None:
    """Today's views so far (flushed or not), from Redis; None when Redis is down."""
    connection_ = client()
    if connection_ is None:
        return None
    try:
        value = connection_.get(_keys(tenant_id, timezone.localdate())[2])
    except redis.RedisError:
        return None
    return int(value or 0)


def flush() -> int:
    """Move the counts from Redis to VisitDaily; returns the number of rows written."""
    connection_ = client()
    if connection_ is None:
        return 0
    written = 0
    pending_key = f"{prefix()}:pending"
    while True:
        try:
            members = connection_.spop(pending_key, 200)
        except redis.RedisError as exc:
            logger.warning("visits not flushed, Redis unavailable: %s", exc)
            break
        if not members:
            break
        for member in members:
            tenant_id, stamp = member.decode().split(":")
            source = f"{prefix()}:{tenant_id}:{stamp}"
            holding = f"{source}:flushing:{uuid.uuid4().hex}"
            try:
                connection_.rename(source, holding)
            except redis.ResponseError:
                continue  # already flushed by another worker
            counts = {
                path.decode(): int(views) for path, views in connection_.hgetall(holding).items()
            }
            day = date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:]))
            try:
                _store(int(tenant_id), day, counts)
            except Exception:
                # Put the counts back so the next flush retries them.
                for path, views in counts.items():
                    connection_.hincrby(source, path, views)
                connection_.sadd(pending_key, member)
                connection_.delete(holding)
                raise
            connection_.delete(holding)
            refresh_summary(int(tenant_id))
            written += len(counts)
    return written


def _store(tenant_id: int, day: date, counts: dict[str, int]) -> None:
    if not counts:
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            values = [(tenant_id, day, path[:200], views) for path, views in counts.items()]
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {VisitDaily._meta.db_table} (tenant_id, day, path, views) "  # noqa: S608
                    "VALUES (%s, %s, %s, %s) ON CONFLICT (tenant_id, day, path) "
                    f"DO UPDATE SET views = {VisitDaily._meta.db_table}.views + EXCLUDED.views",
                    values,
                )
            return
        for path, views in counts.items():
            row, _created = VisitDaily.objects.get_or_create(
                tenant_id=tenant_id, day=day, path=path[:200]
            )
            VisitDaily.objects.filter(pk=row.pk).update(views=F("views") + views)


def stored_totals(tenant_id: int, today: date) -> dict[str, int]:
    """Stored views: before today this month, before today ever, and today (one query)."""
    month_start = today.replace(day=1)
    figures = VisitDaily.objects.filter(tenant_id=tenant_id).aggregate(
        month=Sum("views", filter=Q(day__gte=month_start, day__lt=today)),
        total=Sum("views", filter=Q(day__lt=today)),
        today=Sum("views", filter=Q(day=today)),
    )
    return {
        "month_before_today": figures["month"] or 0,
        "total_before_today": figures["total"] or 0,
        "today_stored": figures["today"] or 0,
    }


def summary_key(tenant_id: int, today: date) -> str:
    return f"compliance:visits:{tenant_id}:{today:%Y%m%d}"


def refresh_summary(tenant_id: int) -> dict[str, int]:
    """Recompute the stored figures into the cache (the flush task and the statistics
    page do; the footer only reads)."""
    from django.core.cache import cache

    today = timezone.localdate()
    stored = stored_totals(tenant_id, today)
    try:
        cache.set(summary_key(tenant_id, today), stored, 26 * 3600)
    except Exception:  # noqa: BLE001 - the cache is Redis too: a page must still render
        logger.warning("visit summary not cached")
    return stored


def summary(
    tenant_id: int, *, allow_query: bool = False, serving: bool = False
) -> dict[str, int | None]:
    """Today, this month and total: cached stored figures + Redis today.

    The footer calls it without `allow_query`: on a cache miss it shows today only and
    makes no database query; the flush task and the statistics page refill the cache.
    `serving`: the page being served will be counted once it is out (the middleware) and
    is included already, as a visitor expects of the counter on it."""
    from portal import request_cache

    today = timezone.localdate()
    try:
        stored = request_cache.get(summary_key(tenant_id, today))
    except Exception:  # noqa: BLE001
        stored = None
    live = live_today(tenant_id)
    if live is not None and serving:
        live += 1
    if stored is None and not allow_query:
        return {"today": live, "month": None, "total": None}
    if stored is None:
        stored = refresh_summary(tenant_id)
    today_views = stored["today_stored"] if live is None else max(live, stored["today_stored"])
    return {
        "today": today_views,
        "month": stored["month_before_today"] + today_views,
        "total": stored["total_before_today"] + today_views,
    }


def daily_series(
    tenant_id: int, days: int = 30, *, serving: bool = False
) -> list[tuple[date, int]]:
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    rows = dict(
        VisitDaily.objects.filter(tenant_id=tenant_id, day__gte=start)
        .values("day")
        .annotate(views=Sum("views"))
        .values_list("day", "views")
    )
    live = live_today(tenant_id)
    if live is not None and serving:
        live += 1  # see summary()
    if live is not None:
        rows[today] = max(live, rows.get(today, 0))
    return [
        (start + timedelta(days=i), rows.get(start + timedelta(days=i), 0)) for i in range(days)
    ]


def top_pages(tenant_id: int, days: int = 30, limit: int = 10) -> list[dict]:
    start = timezone.localdate() - timedelta(days=days - 1)
    return list(
        VisitDaily.objects.filter(tenant_id=tenant_id, day__gte=start)
        .exclude(path=OTHER_PATH)
        .values("path")
        .annotate(views=Sum("views"))
        .order_by("-views", "path")[:limit]
    )
