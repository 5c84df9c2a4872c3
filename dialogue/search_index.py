"""Published questions and answers in site search (see search/registry.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from search.registry import IndexEntry, SearchSource

from .models import Inquiry, InquiryStatus


def indexable():
    return Inquiry.objects.filter(status=InquiryStatus.PUBLISHED)


def entries(inquiry: Inquiry) -> list[IndexEntry]:
    """Title, question and answer; never the asker's contact data."""
    if inquiry.status != InquiryStatus.PUBLISHED:
        return []
    with translation.override("vi"):
        url = reverse("dialogue:detail", args=[inquiry.pk])
    return [
        IndexEntry(
            tenant_id=inquiry.tenant_id,
            language="vi",
            title=inquiry.title,
            body=f"{inquiry.content}\n{inquiry.answer}",
            url=url,
            published_at=inquiry.published_at,
        )
    ]


SOURCES = [
    SearchSource(
        kind="qa",
        label=_("Hỏi đáp"),
        model=Inquiry,
        indexable=indexable,
        entries=entries,
    )
]
