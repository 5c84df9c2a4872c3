"""Blocks this app adds to public pages and feeds: the planned-downtime notices."""

from __future__ import annotations

from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _

from portal.hooks import FeedEntry, Section

from . import downtime


def page_top_sections(request) -> list[Section]:
    notices = downtime.notices_for(getattr(request, "tenant", None))
    if not notices:
        return []
    return [Section("operations/downtime_banner.html", {"notices": notices}, order=10)]


def _when(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "H:i d/m/Y")


def feed_entries(tenant) -> list[FeedEntry]:
    """Each published notice covering the site, an item of its feeds until its end."""
    entries = []
    for notice in downtime.notices_for(tenant):
        heading = _("Bảo trì khẩn cấp") if notice.is_emergency else _("Tạm ngừng hoạt động")
        when = _("từ %(start)s, dự kiến hoạt động trở lại lúc %(end)s") % {
            "start": _when(notice.starts_at),
            "end": _when(notice.ends_at),
        }
        entries.append(
            FeedEntry(
                title=f"{heading}: {when}",
                description=f"{when[:1].upper()}{when[1:]}. {notice.message}".strip(),
                link=f"{reverse('operations:downtime')}#thong-bao-{notice.pk}",
                pubdate=notice.published_at,
                categories=(_("Thông báo bảo trì"),),
            )
        )
    return entries
