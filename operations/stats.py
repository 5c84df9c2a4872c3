"""What the compliance measurement reads of this app (portal/hooks.py `stats`)."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import dateformat, timezone

from portal.workdays import working_days_between

from .downtime import LEAD_WORKING_DAYS, announced_in_time, earliest_start


def _local(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "d/m/Y H:i")


def downtime_announcements(tenant, since: date) -> list[dict]:
    """Each planned downtime of the site starting on or after `since` (its own notices and
    those of a site above it covering its subtree), with whether it was announced ≥ 7
    working days ahead; an emergency with a reason counts as in time (Decree 224/2026
    Art. 13). Soonest first."""
    from .models import DowntimeNotice

    covering = Q(tenant=tenant) | (
        Q(include_subtree=True) & tenant.ancestors_q("tenant__", include_self=False)
    )
    start = timezone.make_aware(datetime.combine(since, datetime.min.time()))
    notices = (
        DowntimeNotice.objects.filter(covering, starts_at__gte=start)
        .select_related("tenant")
        .order_by("starts_at", "pk")
    )
    rows = []
    for notice in notices:
        in_time = announced_in_time(notice.published_at, notice.starts_at)
        lead = working_days_between(
            timezone.localdate(notice.published_at), timezone.localdate(notice.starts_at)
        )
        rows.append(
            {
                "site": str(notice.tenant.name),
                "starts_at": _local(notice.starts_at),
                "published_at": _local(notice.published_at),
                "earliest_start": _local(earliest_start(notice.published_at)),
                "working_days_ahead": lead,
                "required": LEAD_WORKING_DAYS,
                "emergency": notice.is_emergency,
                "emergency_reason": notice.emergency_reason,
                "in_time": in_time or (notice.is_emergency and bool(notice.emergency_reason)),
                "admin_url": reverse("admin:operations_downtimenotice_change", args=[notice.pk]),
            }
        )
    return rows
