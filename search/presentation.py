"""Turning engine results into what the template shows (no queries here)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .engine import START, STOP
from .sources import source_labels

# Badges for the standard kinds, so they read well before every app has landed.
DEFAULT_LABELS = {
    "article": _("Tin bài"),
    "page": _("Trang thông tin"),
    "document": _("Văn bản"),
    "procedure": _("Thủ tục hành chính"),
    "disclosure": _("Công khai"),
    "qa": _("Hỏi đáp"),
}


def kind_labels() -> dict[str, object]:
    labels = dict(DEFAULT_LABELS)
    labels.update(source_labels())
    return labels


def highlighted(text: str) -> SafeString:
    """Escape everything, then turn our private-use markers into <mark>."""
    safe = escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(safe)  # noqa: S308 - escaped above; only our own tags added


def absolute(
    url: str, tenant_id: int, hostname: str | None, current_tenant_id: int, origin: dict
) -> str:
    """Path on the publishing site, prefixed by language; absolute when on another site."""
    path = origin["prefix"] + url if url.startswith("/") else url
    if tenant_id == current_tenant_id or not hostname or not url.startswith("/"):
        return path
    return f"{origin['scheme']}://{hostname}{origin['port']}{path}"
