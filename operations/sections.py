"""Blocks this app adds to public pages: the planned-downtime banner."""

from __future__ import annotations

from portal.hooks import Section

from . import downtime


def page_top_sections(request) -> list[Section]:
    notices = downtime.notices_for(getattr(request, "tenant", None))
    if not notices:
        return []
    return [Section("operations/downtime_banner.html", {"notices": notices}, order=10)]
