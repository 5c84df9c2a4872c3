"""Documents in the site search (contract: search/registry.py). The number is the
reference, so "15/2024/QĐ-UBND" finds its document typed with or without diacritics."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from search.registry import IndexEntry, SearchSource

from .models import Consultation, Document


def _when(document: Document) -> datetime:
    return document.published_at or timezone.make_aware(
        datetime.combine(document.issued_on, time())
    )


def _path(item) -> str:
    """Without a language prefix, whatever language is active (the contract)."""
    with translation.override(settings.LANGUAGE_CODE):
        return item.get_absolute_url()


def document_entries(document: Document) -> list[IndexEntry]:
    if not document.is_public:
        return []
    url = _path(document)
    entries = []
    for language in ("vi", "en"):
        summary = getattr(document, f"summary_{language}", "") or ""
        if language == "en" and not summary:
            continue
        title = getattr(document, f"title_{language}", "") or summary
        type_name = getattr(document.doc_type, f"name_{language}", "") or document.doc_type.name
        entries.append(
            IndexEntry(
                tenant_id=document.tenant_id,
                language=language,
                title=f"{type_name} {document.number}: {title}"[:500],
                body="\n".join(filter(None, [summary, document.issuing_body, document.full_text])),
                url=url,
                published_at=_when(document),
                reference=document.number,
            )
        )
    return entries


def consultation_entries(consultation: Consultation) -> list[IndexEntry]:
    if not consultation.is_public:
        return []
    entries = []
    for language in ("vi", "en"):
        title = getattr(consultation, f"title_{language}", "") or ""
        if not title:
            continue
        entries.append(
            IndexEntry(
                tenant_id=consultation.tenant_id,
                language=language,
                title=title,
                body=getattr(consultation, f"summary_{language}", "") or "",
                url=_path(consultation),
                published_at=consultation.published_at,
            )
        )
    return entries


SOURCES = [
    SearchSource(
        kind="document",
        label=_("Văn bản"),
        model=Document,
        indexable=lambda: Document.objects.published().select_related("doc_type"),
        entries=document_entries,
    ),
    SearchSource(
        kind="consultation",
        label=_("Lấy ý kiến dự thảo"),
        model=Consultation,
        indexable=lambda: Consultation.objects.published(),
        entries=consultation_entries,
    ),
]
