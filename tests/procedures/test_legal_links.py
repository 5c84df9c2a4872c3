"""The legal basis links to the documents module, whichever way the number is spelt."""

import pytest

from procedures.legal_links import legal_references
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_unknown_numbers_stay_plain_text(province):
    refs = legal_references([{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}], province)
    assert [(r.number, r.title, r.url) for r in refs] == [("60/2014/QH13", "Luật Hộ tịch", "")]


def test_published_documents_are_linked_whatever_the_spelling(province, commune):
    document = DocumentFactory(tenant=province, number="123/2015/NĐ-CP")
    refs = legal_references(
        [
            {"number": "123/2015/nđ-cp ", "title": "Nghị định"},
            {"number": "", "title": "Quyết định khác"},
        ],
        commune,  # a commune cites the province's document
    )
    assert [r.url for r in refs] == [document.get_absolute_url(), ""]


def test_a_draft_document_is_not_linked(province):
    DocumentFactory(tenant=province, number="7/2025/QĐ-UBND", status="draft", published_at=None)
    refs = legal_references([{"number": "7/2025/QĐ-UBND", "title": "Quyết định"}], province)
    assert refs[0].url == ""
