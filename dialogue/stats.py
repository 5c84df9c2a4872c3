"""Read-side figures other modules use (compliance reads these; it is never imported here)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from portal.workdays import working_days_between

from .models import OPEN_STATUSES, Inquiry, InquiryStatus


def overdue_inquiries(tenant_ids: Iterable[int], today: date | None = None):
    """Open inquiries past their working-day deadline, of the receiving or handling units."""
    ids = list(tenant_ids)
    return (
        Inquiry.objects.overdue(today)
        .filter(Q(tenant_id__in=ids) | Q(assigned_tenant_id__in=ids))
        .order_by("deadline", "id")
    )


def waiting_working_days(inquiry: Inquiry, today: date | None = None) -> int:
    """Working days the inquiry has waited (to its answer, or until today while open)."""
    end = today or timezone.localdate()
    if inquiry.answered_at and inquiry.status not in OPEN_STATUSES:
        end = timezone.localdate(inquiry.answered_at)
    return working_days_between(inquiry.received_on, end)


def inquiry_counts(tenant_ids: Iterable[int], today: date | None = None) -> dict[str, int]:
    """Totals for a report: received, answered on time, answered late, open, overdue."""
    today = today or timezone.localdate()
    answered = (InquiryStatus.ANSWERED, InquiryStatus.PUBLISHED)
    return Inquiry.objects.filter(tenant_id__in=list(tenant_ids)).aggregate(
        total=Count("id"),
        open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, deadline__lt=today)),
        answered=Count("id", filter=Q(status__in=answered)),
        published=Count("id", filter=Q(status=InquiryStatus.PUBLISHED)),
        declined=Count("id", filter=Q(status=InquiryStatus.DECLINED)),
    )
