"""Stored JSON shown to staff as text they can read: a list one item a line, a mapping as
"name: value" lines, never braces and quotes. For read-only fields of the admin."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

EMPTY = "—"


def readable(value: Any, labels: Mapping[str, Any] | None = None) -> SafeString | str:
    """`value` as nested lists; `labels` names the keys of a mapping (else the key itself)."""
    labels = labels or {}
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, Mapping):
        return format_html(
            '<ul class="readable-json">{}</ul>',
            format_html_join(
                "",
                "<li><strong>{}</strong>: {}</li>",
                ((labels.get(key, key), readable(item)) for key, item in value.items()),
            ),
        )
    if isinstance(value, list | tuple):
        return format_html(
            '<ul class="readable-json">{}</ul>',
            format_html_join("", "<li>{}</li>", ((readable(item),) for item in value)),
        )
    if isinstance(value, bool):
        from django.utils.translation import gettext

        return gettext("Có") if value else gettext("Không")
    return str(value)
