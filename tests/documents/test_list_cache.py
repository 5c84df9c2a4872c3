"""The list page reuses the HTML of its filter form and of each page's table, and still
shows every change at once."""

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone

from documents import signing
from tests.documents.factories import DocumentFactory, DocumentFieldFactory, DocumentTypeFactory


def _rendered(response) -> set[str]:
    return {t.name for t in response.templates}


def test_second_visit_renders_neither_form_nor_table(commune, site_client):
    for _ in range(3):
        DocumentFactory(tenant=commune)
    client = site_client(commune)
    first = client.get("/van-ban/")
    assert {"documents/_filters.html", "documents/_table.html"} <= _rendered(first)
    again = client.get("/van-ban/")
    assert not {"documents/_filters.html", "documents/_table.html"} & _rendered(again)
    assert again.content == first.content


def test_list_cache_needs_fewer_queries_than_a_cold_visit(
    commune, site_client, django_assert_max_num_queries
):
    DocumentFactory(tenant=commune)
    client = site_client(commune)
    client.get("/van-ban/")
    # The type and field choices of the form are not read again: count + page only.
    with django_assert_max_num_queries(2):
        client.get("/van-ban/")


def test_an_edited_document_shows_its_new_summary_at_once(commune, site_client):
    document = DocumentFactory(tenant=commune, summary_vi="Trích yếu cũ")
    client = site_client(commune)
    assert "Trích yếu cũ" in client.get("/van-ban/").content.decode()
    document.summary_vi = "Trích yếu đã sửa"
    document.save()
    body = client.get("/van-ban/").content.decode()
    assert "Trích yếu đã sửa" in body and "Trích yếu cũ" not in body


def test_a_new_document_shows_at_once(commune, site_client):
    DocumentFactory(tenant=commune, number="1/2024/QĐ-UBND")
    client = site_client(commune)
    client.get("/van-ban/")
    DocumentFactory(tenant=commune, number="77/2024/QĐ-UBND", issued_on=datetime.date(2024, 9, 1))
    assert "77/2024/QĐ-UBND" in client.get("/van-ban/").content.decode()


def test_unpublishing_removes_the_document_at_once(commune, site_client):
    document = DocumentFactory(tenant=commune, number="5/2024/QĐ-UBND")
    client = site_client(commune)
    assert "5/2024/QĐ-UBND" in client.get("/van-ban/").content.decode()
    document.deleted_at = timezone.now()
    document.save()
    assert "5/2024/QĐ-UBND" not in client.get("/van-ban/").content.decode()


def test_renamed_type_and_new_field_show_in_table_and_filters(commune, site_client):
    DocumentFactory(tenant=commune, doc_type=DocumentTypeFactory(code="CT", name_vi="Chỉ thị"))
    client = site_client(commune)
    assert "Chỉ thị" in client.get("/van-ban/").content.decode()
    kind = DocumentTypeFactory(code="CT")
    kind.name_vi = "Chỉ thị của Chủ tịch"
    kind.save()
    DocumentFieldFactory(name_vi="Giao thông vận tải")
    body = client.get("/van-ban/").content.decode()
    assert body.count("Chỉ thị của Chủ tịch") >= 2  # the row and the filter's option
    assert "Giao thông vận tải" in body


def test_filtered_list_keeps_the_values_typed_and_is_not_served_from_page_one(commune, site_client):
    DocumentFactory(tenant=commune, number="8/2024/QĐ-UBND", summary_vi="Quy định về đất đai")
    DocumentFactory(tenant=commune, number="9/2024/QĐ-UBND", summary_vi="Kế hoạch y tế")
    client = site_client(commune)
    client.get("/van-ban/")
    body = client.get("/van-ban/", {"q": "y te"}).content.decode()
    assert 'value="y te"' in body
    assert "9/2024/QĐ-UBND" in body and "8/2024/QĐ-UBND" not in body
    assert "8/2024/QĐ-UBND" in client.get("/van-ban/").content.decode()


def test_vietnamese_and_english_lists_do_not_share_cached_html(commune, site_client):
    DocumentFactory(tenant=commune, summary_vi="Quy định đất đai", summary_en="Land rules")
    client = site_client(commune)
    vietnamese = client.get("/van-ban/").content.decode()
    english = client.get("/en/van-ban/").content.decode()
    assert "Số, ký hiệu" in vietnamese and "Land rules" in english
    assert "Số, ký hiệu" not in english


@pytest.mark.django_db
def test_a_document_signed_after_the_list_was_cached_shows_its_badge(
    commune, commune_approver, credential, site_client
):
    document = DocumentFactory(tenant=commune, number="21/2024/QĐ-UBND", pdf=True)
    client = site_client(commune)
    assert "Đã ký số" not in client.get("/van-ban/").content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):  # the task is queued on commit
        signing.request_signing(document, by=commune_approver)
    assert "Đã ký số" in client.get("/van-ban/").content.decode()
