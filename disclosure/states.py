"""The state of what is disclosed follows its dates: a plan whose period ended has
expired, a recruitment whose application deadline passed is closed. Derived here, stored
by a daily task so that the public "state" filter stays one indexed query."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils import timezone

from .models import Record, RecordStatus, Section


def derived_state(record: Record, today: date | None = None) -> str:
    """The state the record should show today, from its dates."""
    today = today or timezone.localdate()
    state = record.record_status
    if (
        state in (RecordStatus.APPROVED, RecordStatus.ADJUSTED)
        and record.period_end
        and record.period_end < today
    ):
        return RecordStatus.EXPIRED
    if record.section == Section.RECRUITMENT and state == RecordStatus.OPEN:
        details = getattr(record, "recruitment", None)
        if details is not None and details.deadline < today:
            return RecordStatus.CLOSED
    return state


def refresh_states(today: date | None = None) -> int:
    """Store the derived states; returns how many records changed. Idempotent."""
    today = today or timezone.localdate()
    candidates = Record.objects.filter(
        Q(record_status__in=[RecordStatus.APPROVED, RecordStatus.ADJUSTED], period_end__lt=today)
        | Q(
            section=Section.RECRUITMENT,
            record_status=RecordStatus.OPEN,
            recruitment__deadline__lt=today,
        )
    ).select_related("recruitment")
    changed = 0
    for record in candidates:
        state = derived_state(record, today)
        if state != record.record_status:
            Record.objects.filter(pk=record.pk).update(record_status=state)
            changed += 1
    return changed
