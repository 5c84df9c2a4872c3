"""Published disclosure records in the site search (see search/registry.py)."""

from __future__ import annotations

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy

from search.registry import IndexEntry, SearchSource

from .models import Record


def _indexable():
    return Record.objects.published().select_related("tenant")


def _entries(record: Record) -> list[IndexEntry]:
    if not record.is_public:
        return []
    entries = []
    for language in ("vi", "en"):
        title = getattr(record, f"title_{language}", "") or ""
        if not title:
            continue
        summary = getattr(record, f"summary_{language}", "") or ""
        with translation.override(language):
            url = record.get_absolute_url()
        if url.startswith("/en/"):
            url = url[3:]
        body = " ".join(
            part for part in (strip_tags(summary), record.reference_title, record.field) if part
        )
        entries.append(
            IndexEntry(
                tenant_id=record.tenant_id,
                language=language,
                title=title,
                body=body,
                url=url,
                published_at=record.published_at,
                reference=record.reference_number,
            )
        )
    return entries


SOURCES = [
    SearchSource(
        kind="disclosure",
        label=gettext_lazy("Công khai thông tin"),
        model=Record,
        indexable=_indexable,
        entries=_entries,
    )
]
