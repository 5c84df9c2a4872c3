"""Search sources of the content app (see search/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from search.registry import IndexEntry, SearchSource

from .models import Article
from .sanitize import plain_text


def indexable():
    return Article.objects.published().select_related("tenant")


def article_entries(article: Article) -> list[IndexEntry]:
    if not article.is_public:
        return []
    entries = []
    for code in ("vi", "en"):
        title = getattr(article, f"title_{code}", "") or ""
        if not title.strip():
            continue
        summary = getattr(article, f"summary_{code}", "") or ""
        body = plain_text(getattr(article, f"body_{code}", "") or "")
        entries.append(
            IndexEntry(
                tenant_id=article.tenant_id,
                language=code,
                title=title,
                body=f"{summary}\n{body}".strip(),
                url=_path(article),
                published_at=article.published_at,
            )
        )
    return entries


def _path(article: Article) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("vi"):
        return reverse("content:article", args=[article.slug])


SOURCES = [
    SearchSource(
        kind="article",
        label=_("Tin bài"),
        model=Article,
        indexable=indexable,
        entries=article_entries,
    )
]
