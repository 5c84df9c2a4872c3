"""The search contract: entries for public articles, in each language that has text."""

import pytest

from content.search_index import SOURCES
from portal.publishing import PublicationStatus
from tests.content.factories import ArticleFactory

pytestmark = pytest.mark.django_db
SOURCE = SOURCES[0]


def test_published_article_gives_one_entry_per_language_with_plain_text(commune):
    article = ArticleFactory(
        tenant=commune,
        title_vi="Quy hoạch đất",
        title_en="Land plan",
        summary_vi="Tóm tắt",
        body_vi="<p>Nội <strong>dung</strong></p>",
    )
    entries = {e.language: e for e in SOURCE.entries(article)}
    assert set(entries) == {"vi", "en"}
    assert entries["vi"].body == "Tóm tắt\nNội dung"
    assert entries["vi"].url == f"/tin-tuc/{article.slug}/"
    assert entries["vi"].tenant_id == commune.pk


def test_drafts_and_trashed_items_give_no_entries_and_are_not_indexable(commune):
    draft = ArticleFactory(tenant=commune, status=PublicationStatus.DRAFT)
    public = ArticleFactory(tenant=commune)
    assert list(SOURCE.entries(draft)) == []
    assert list(SOURCE.indexable()) == [public]
