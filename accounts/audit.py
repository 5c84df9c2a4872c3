"""Security events (lock-out, unlock, factor reset, personal-data export/erase) in the
project's one audit trail: django-auditlog's LogEntry, action "access"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def record_security_event(
    event: str,
    *,
    obj: models.Model,
    actor: User | None = None,
    remote_addr: str | None = None,
    detail: dict | None = None,
) -> LogEntry:
    """One audit entry about `obj`; `event` is a stable machine name ("login_locked_out")."""
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj.__class__),
        object_pk=str(obj.pk),
        object_id=obj.pk if isinstance(obj.pk, int) else None,
        object_repr=str(obj)[:255],
        action=LogEntry.Action.ACCESS,
        changes={"event": ["", event]},
        changes_text=event,
        additional_data=detail or None,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        remote_addr=remote_addr or None,
    )


def security_events(event: str):
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS, changes_text=event)
