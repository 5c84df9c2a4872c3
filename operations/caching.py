"""Page-cache declarations (portal/cache_dependencies.py)."""

from __future__ import annotations

from datetime import datetime

from portal.cache_dependencies import FAMILY, Depends

# A downtime notice shows on its site and, province-wide, on every site below: a save or
# delete refreshes those pages; its publication, start and end pass without a save, so
# no cached page outlives the next of them (`next_change`, read by portal/page_cache.py).
PAGE_DEPENDENCIES = (Depends("operations.DowntimeNotice", scope=FAMILY),)
NOT_SHOWN = ("operations.OutboxTask", "operations.BackupRecord")


def next_change(tenant, after: float) -> datetime | None:
    """The next publication, start or end of a notice covering the site, after `after`
    (a UNIX time): the banner appears, the list's “ongoing” changes, the banner goes."""
    from . import downtime

    moments = [
        moment
        for notice in downtime.all_notices()
        if notice.covers(tenant)
        for moment in (notice.published_at, notice.starts_at, notice.ends_at)
        if moment.timestamp() > after
    ]
    return min(moments, default=None)


def page_keys(tenant) -> list[str]:
    """Every page shows the downtime notices (portal/request_cache.py)."""
    from .downtime import CACHE_KEY

    return [CACHE_KEY]


def shell_parts(tenant) -> list:
    """The downtime notices, when missing, read with the rest of the shell."""
    from portal.request_cache import ShellPart, peek

    from . import downtime

    if peek(downtime.CACHE_KEY) is not None:
        return []
    return [ShellPart(downtime.notices_query(), downtime.keep)]
