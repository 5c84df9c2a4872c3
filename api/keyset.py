"""Cursor (keyset) pagination: each page is one indexed range scan of `limit + 1` rows,
whatever its depth, and a row inserted while a client walks the list never shifts the
pages that follow. The cursor is the sort key of the last row, base64-encoded."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .problems import ApiError

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True)
class Order:
    """Sort key, e.g. ("-published_at", "-id"); the last field must be unique."""

    fields: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [f.lstrip("-") for f in self.fields]


def _encode(values: list) -> str:
    raw = json.dumps([v.isoformat() if hasattr(v, "isoformat") else v for v in values])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(queryset: QuerySet, order: Order, cursor: str) -> list:
    bad = ApiError(400, _("Con trỏ trang (cursor) không hợp lệ; hãy dùng giá trị next."))
    if len(cursor) > 400:
        raise bad
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise bad from None
    if not isinstance(values, list) or len(values) != len(order.fields):
        raise bad
    meta = queryset.model._meta
    try:
        parsed = []
        for name, value in zip(order.names, values, strict=True):
            if value is None or isinstance(value, list | dict | bool):
                raise bad
            python = meta.get_field(name).to_python(value)
            if isinstance(python, int) and not -(2**63) < python < 2**63:
                raise bad
            parsed.append(python)
        return parsed
    except (ValidationError, ValueError, TypeError, OverflowError):
        raise bad from None


def _after(order: Order, values: list) -> Q:
    """Rows strictly after `values` in the order (mixed directions allowed)."""
    condition = Q(pk__in=[])
    for i, field in enumerate(order.fields):
        name = field.lstrip("-")
        op = "lt" if field.startswith("-") else "gt"
        step = Q(**{f"{name}__{op}": values[i]})
        for previous, value in zip(order.names[:i], values[:i], strict=True):
            step &= Q(**{previous: value})
        condition |= step
    first, value = order.fields[0], values[0]
    # The plain range first: PostgreSQL turns it into an index condition.
    bound = Q(**{f"{first.lstrip('-')}__{'lte' if first.startswith('-') else 'gte'}": value})
    return bound & condition


@dataclass
class Page:
    items: list
    next_cursor: str | None


def page(queryset: QuerySet, order: Order, cursor: str | None, limit: int) -> Page:
    queryset = queryset.filter(**{f"{order.names[0]}__isnull": False})
    if cursor:
        queryset = queryset.filter(_after(order, _decode(queryset, order, cursor)))
    rows = list(queryset.order_by(*order.fields)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = _encode([getattr(last, name) for name in order.names])
    return Page(rows, next_cursor)
