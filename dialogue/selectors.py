"""Read-side queries of the public pages: keyset pages, never an OFFSET scan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Q

from tenants.models import Tenant

from .models import DialogueSession, Inquiry

PAGE_SIZE = 20
# What the public sees of an inquiry: never the asker's name, email or phone.
PUBLIC_FIELDS = (
    "id",
    "tenant_id",
    "kind",
    "topic",
    "title",
    "content",
    "answer",
    "answer_author",
    "answered_at",
    "published_at",
    "received_on",
    "status",
    "assigned_tenant__name",
    "assigned_tenant__name_vi",
    "assigned_tenant__name_en",
)


@dataclass
class Page:
    items: list
    next_cursor: str


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def _cursor(item: Inquiry) -> str:
    """Exact (integer microseconds, id): a float timestamp would drop or repeat rows."""
    return f"{(item.published_at - EPOCH) // MICROSECOND}-{item.pk}"


def _parse_cursor(value: str) -> tuple[datetime, int] | None:
    try:
        micros, pk = (int(part) for part in value.split("-", 1))
        return EPOCH + micros * MICROSECOND, pk
    except (ValueError, OverflowError, OSError):
        return None


def published_page(tenant: Tenant, cursor: str = "") -> Page:
    """One page of the public Q&A archive, newest first; deep pages cost as page 1."""
    items = (
        Inquiry.objects.for_tenant(tenant)
        .published()
        .select_related("assigned_tenant")
        .only(*PUBLIC_FIELDS)
        .order_by("-published_at", "-id")
        # Questions and answers exist in Vietnamese only: the English archive lists none.
        .in_language()
    )
    position = _parse_cursor(cursor) if cursor else None
    if position is not None:
        at, pk = position
        items = items.filter(Q(published_at__lt=at) | Q(published_at=at, id__lt=pk))
    found = list(items[: PAGE_SIZE + 1])
    next_cursor = _cursor(found[PAGE_SIZE - 1]) if len(found) > PAGE_SIZE else ""
    return Page(found[:PAGE_SIZE], next_cursor)


def sessions_for(tenant: Tenant) -> list[DialogueSession]:
    sessions = DialogueSession.objects.for_tenant(tenant).public().order_by("-starts_at")
    sessions = sessions.in_language()
    return list(sessions[:100])
