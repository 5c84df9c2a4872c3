"""The English site lists only items with an English text — one rule, portal/languages.py."""

import pytest
from django.utils import translation

from content.models import Article, Syndication
from dialogue.models import Inquiry
from portal.languages import in_language, is_english, untranslated
from procedures.models import Procedure
from tests.content.factories import ArticleFactory
from tests.dialogue.factories import PublishedInquiryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(commune):
    both = ArticleFactory(tenant=commune, title_vi="Tin song ngữ", title_en="Bilingual news")
    vietnamese = ArticleFactory(tenant=commune, title_vi="Chỉ tiếng Việt")
    blank = ArticleFactory(tenant=commune, title_vi="Tiêu đề tiếng Anh trống", title_en="")
    return both, vietnamese, blank


def test_vietnamese_lists_everything(articles):
    with translation.override("vi"):
        assert not is_english()
        listed = set(Article.objects.in_language())
    assert listed == set(articles)


def test_english_lists_only_items_with_an_english_title(articles):
    both, vietnamese, blank = articles
    with translation.override("en"):
        assert is_english()
        assert list(Article.objects.in_language()) == [both]
        assert list(in_language(Article.objects.all())) == [both]


def test_detail_pages_ask_for_any_language_and_show_a_notice(articles):
    both, vietnamese, _ = articles
    with translation.override("en"):
        assert set(Article.objects.in_language(any_language=True)) == set(articles)
        assert untranslated(vietnamese)
        assert not untranslated(both)
    with translation.override("vi"):
        assert not untranslated(vietnamese)


def test_another_field_and_a_relation_path(articles, province):
    both, vietnamese, _ = articles
    with translation.override("en"):
        # Articles have an English summary column too: none is filled in here.
        assert list(Article.objects.in_language("summary")) == []
        for article in (both, vietnamese):
            Syndication.objects.create(tenant=province, article=article)
        listed = Syndication.objects.in_language("article__title")
        assert [s.article for s in listed] == [both]


def test_a_model_without_english_text_lists_nothing_in_english(commune):
    PublishedInquiryFactory(tenant=commune)
    with translation.override("en"):
        assert list(Inquiry.objects.in_language()) == []
        assert list(Procedure.objects.in_language("no_such_field")) == []
        assert list(Syndication.objects.in_language("article__no_such_field")) == []
    with translation.override("vi"):
        assert Inquiry.objects.in_language().count() == 1


def test_the_english_qa_archive_lists_no_vietnamese_question(site_client, commune):
    PublishedInquiryFactory(tenant=commune, title="Hỏi về cấp phép xây dựng")
    client = site_client(commune)
    assert "Hỏi về cấp phép xây dựng" in client.get("/hoi-dap/").content.decode()
    response = client.get("/en/hoi-dap/")
    assert response.status_code == 200
    assert "Hỏi về cấp phép xây dựng" not in response.content.decode()
