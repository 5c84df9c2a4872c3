"""Search analytics without personal data: per site, per week, per normalised query."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from .text import fold

# Citizen ID / phone numbers (9+ digits, maybe spaced or dotted) and e-mail addresses.
_PERSONAL = re.compile(r"(?:\d[\s.\-]?){9,}|\S+@\S+")
_SPACES = re.compile(r"\s+")


def normalise(query: str) -> str:
    """Folded, lowercase, single-spaced; personal-looking queries become a placeholder."""
    if _PERSONAL.search(query):
        return gettext("(đã ẩn: có thể chứa thông tin cá nhân)")
    return _SPACES.sub(" ", fold(query)).strip()[:120]


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def record(tenant_id: int, query: str, found: bool) -> None:
    """Count one search (an upsert; called from a Celery task)."""
    text = normalise(query)
    if not text:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO search_searchquerystat (tenant_id, week, query, searches, zero_results)
               VALUES (%s, %s, %s, 1, %s)
               ON CONFLICT (tenant_id, week, query) DO UPDATE SET
                 searches = search_searchquerystat.searches + 1,
                 zero_results = search_searchquerystat.zero_results + EXCLUDED.zero_results""",
            [tenant_id, week_of(timezone.localdate()), text, 0 if found else 1],
        )


def record_later(tenant_id: int, query: str, found: bool) -> None:
    """Hand the count to Celery: the results page stays read-only and never fails on it."""
    from .tasks import record_search

    # robust: a broker that refuses is logged, it never breaks the search.
    transaction.on_commit(lambda: record_search.delay(tenant_id, query[:200], found), robust=True)
