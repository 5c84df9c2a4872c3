"""PublicationStatus from dates, filters, number and word search, scopes, pagination, budgets."""

import datetime

import pytest

from documents.lookup import document_urls_by_number, normalise_number
from documents.models import Document, LegalStatus, Relation, RelationKind
from documents.selectors import keyset_page, published_documents, status_q
from portal.publishing import PublicationStatus
from tests.documents.factories import DocumentFactory, DocumentFieldFactory, DocumentTypeFactory

TODAY = datetime.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("issued", "effective", "expires", "partly", "expected"),
    [
        ("2025-05-01", "2025-07-01", None, False, LegalStatus.NOT_YET),
        ("2025-07-01", None, None, False, LegalStatus.NOT_YET),
        ("2025-01-01", "2025-01-15", None, False, LegalStatus.IN_FORCE),
        ("2025-01-01", None, None, False, LegalStatus.IN_FORCE),
        ("2025-01-01", "2025-01-15", "2025-06-01", False, LegalStatus.EXPIRED),
        ("2025-01-01", "2025-01-15", "2025-06-02", False, LegalStatus.IN_FORCE),
        ("2025-01-01", "2025-01-15", None, True, LegalStatus.PARTLY_EXPIRED),
        ("2020-01-01", None, "2021-01-01", True, LegalStatus.EXPIRED),
    ],
)
def test_legal_status_is_derived_from_the_dates(
    commune, issued, effective, expires, partly, expected
):
    day = datetime.date.fromisoformat
    document = DocumentFactory(
        tenant=commune,
        issued_on=day(issued),
        effective_on=day(effective) if effective else None,
        expires_on=day(expires) if expires else None,
        partly_expired=partly,
    )
    assert document.legal_status(TODAY) == expected
    # The list filter agrees with the model.
    matching = Document.objects.filter(status_q(expected, TODAY))
    assert document in matching
    for other in set(LegalStatus) - {expected}:
        assert document not in Document.objects.filter(status_q(other, TODAY))


def test_number_normalisation_folds_case_diacritics_and_spaces():
    assert normalise_number(" 15/2024/qđ-ubnd ") == normalise_number("15/2024/QD-UBND")
    assert normalise_number("15 / 2024 / QĐ-UBND") == "15/2024/QD-UBND"
    assert normalise_number("3/2025/NQ-HĐND") == "3/2025/NQ-HDND"


def _numbers(response):
    return [d.number for d in response.context["page"].items]


def test_search_by_number_with_or_without_diacritics(commune, site_client):
    DocumentFactory(tenant=commune, number="15/2024/QĐ-UBND")
    DocumentFactory(tenant=commune, number="16/2024/QĐ-UBND")
    client = site_client(commune)
    for query in ("15/2024/QĐ-UBND", "15/2024/qd-ubnd", " 15/2024/QD-UBND "):
        assert _numbers(client.get("/van-ban/", {"q": query})) == ["15/2024/QĐ-UBND"]


def test_search_summary_words_with_or_without_diacritics(commune, site_client):
    DocumentFactory(tenant=commune, summary_vi="Quy hoạch sử dụng đất năm 2025", number="1/QĐ")
    DocumentFactory(tenant=commune, summary_vi="Phòng chống dịch bệnh", number="2/QĐ")
    client = site_client(commune)
    assert _numbers(client.get("/van-ban/", {"q": "quy hoạch đất"})) == ["1/QĐ"]
    assert _numbers(client.get("/van-ban/", {"q": "quy hoach dat"})) == ["1/QĐ"]
    assert _numbers(client.get("/van-ban/", {"q": "DỊCH BỆNH"})) == ["2/QĐ"]


def test_filters_by_type_field_year_status_and_issuer(commune, site_client):
    directive = DocumentTypeFactory(name_vi="Chỉ thị", code="CT")
    health = DocumentFieldFactory(name_vi="Y tế")
    DocumentFactory(
        tenant=commune,
        number="1/CT-UBND",
        doc_type=directive,
        field=health,
        issued_on=datetime.date(2023, 5, 1),
        issuing_body="UBND xã",
    )
    DocumentFactory(
        tenant=commune,
        number="2/QĐ-UBND",
        issued_on=datetime.date(2024, 5, 1),
        expires_on=datetime.date(2024, 12, 31),
        issuing_body="HĐND xã",
    )
    client = site_client(commune)
    assert _numbers(client.get("/van-ban/", {"type": directive.pk})) == ["1/CT-UBND"]
    assert _numbers(client.get("/van-ban/", {"field": health.pk})) == ["1/CT-UBND"]
    assert _numbers(client.get("/van-ban/", {"year": 2024})) == ["2/QĐ-UBND"]
    assert _numbers(client.get("/van-ban/", {"status": "expired"})) == ["2/QĐ-UBND"]
    assert _numbers(client.get("/van-ban/", {"issuer": "hđnd"})) == ["2/QĐ-UBND"]
    assert _numbers(client.get("/van-ban/", {"sort": "old"})) == ["1/CT-UBND", "2/QĐ-UBND"]
    # A hostile or malformed filter is ignored, never a 500.
    response = client.get(
        "/van-ban/", {"year": "abc", "type": "999999", "sau": "x_y", "q": "'\"<>"}
    )
    assert response.status_code == 200


def test_keyset_pages_walk_forward_and_back_without_gaps(commune):
    for day in range(25):
        DocumentFactory(
            tenant=commune, issued_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=day % 7)
        )
    queryset = published_documents(commune)
    seen, cursor = [], ""
    while True:
        page = keyset_page(queryset, after=cursor, size=10)
        seen.extend(d.pk for d in page.items)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    expected = list(queryset.order_by("-issued_on", "-id").values_list("pk", flat=True))
    assert seen == expected
    second = keyset_page(queryset, after=keyset_page(queryset, size=10).next_cursor, size=10)
    back = keyset_page(queryset, before=second.previous_cursor, size=10)
    assert [d.pk for d in back.items] == expected[:10]
    assert page.total == 25


def test_deep_page_costs_what_page_one_costs(commune, site_client, django_assert_max_num_queries):
    for day in range(45):
        DocumentFactory(
            tenant=commune, issued_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=day)
        )
    client = site_client(commune)
    first = client.get("/van-ban/")
    cursor = first.context["page"].next_cursor
    second = client.get("/van-ban/", {"sau": cursor})
    with django_assert_max_num_queries(10):
        third = client.get("/van-ban/", {"sau": second.context["page"].next_cursor})
    assert len(third.context["page"].items) == 5


def test_list_detail_and_subtree_query_budgets(
    province, commune, site_client, django_assert_max_num_queries
):
    for _ in range(20):
        DocumentFactory(tenant=commune, pdf=True)
    target = DocumentFactory(tenant=province, number="9/2024/QĐ-UBND")
    document = DocumentFactory(tenant=commune)
    Relation.objects.create(source=document, target=target, kind=RelationKind.AMENDS)
    with django_assert_max_num_queries(10):
        assert site_client(commune).get("/van-ban/").status_code == 200
    with django_assert_max_num_queries(10):
        assert site_client(province).get("/van-ban/toan-tinh/").status_code == 200
    with django_assert_max_num_queries(12):
        assert site_client(commune).get(f"/van-ban/{document.pk}/").status_code == 200


def test_province_wide_view_lists_component_sites_with_issuer(province, commune, site_client):
    DocumentFactory(tenant=commune, number="5/QĐ-UBND", issuing_body="UBND xã An Bình")
    DocumentFactory(tenant=province, number="6/QĐ-UBND")
    own = site_client(province).get("/van-ban/")
    assert _numbers(own) == ["6/QĐ-UBND"]
    wide = site_client(province).get("/van-ban/toan-tinh/")
    assert sorted(_numbers(wide)) == ["5/QĐ-UBND", "6/QĐ-UBND"]
    assert "UBND xã An Bình" in wide.content.decode() and "Xã An Bình" in wide.content.decode()


def test_commune_reads_a_provincial_document_but_not_a_siblings(
    province, commune, other_commune, site_client
):
    provincial = DocumentFactory(tenant=province)
    sibling = DocumentFactory(tenant=other_commune)
    client = site_client(commune)
    assert client.get(f"/van-ban/{provincial.pk}/").status_code == 200
    assert client.get(f"/van-ban/{sibling.pk}/").status_code == 404


def test_drafts_and_trashed_documents_are_not_public(commune, site_client):
    draft = DocumentFactory(tenant=commune, status=PublicationStatus.DRAFT, number="1/NHAP")
    trashed = DocumentFactory(tenant=commune, number="2/RAC")
    Document.objects.filter(pk=trashed.pk).update(deleted_at=datetime.datetime.now(datetime.UTC))
    client = site_client(commune)
    assert client.get(f"/van-ban/{draft.pk}/").status_code == 404
    assert client.get(f"/van-ban/{trashed.pk}/").status_code == 404
    assert _numbers(client.get("/van-ban/")) == []


def test_relations_are_shown_both_ways(commune, site_client):
    old = DocumentFactory(tenant=commune, number="1/2023/QĐ-UBND")
    new = DocumentFactory(tenant=commune, number="7/2024/QĐ-UBND")
    Relation.objects.create(source=new, target=old, kind=RelationKind.AMENDS)
    client = site_client(commune)
    assert "Sửa đổi, bổ sung" in client.get(f"/van-ban/{new.pk}/").content.decode()
    page = client.get(f"/van-ban/{old.pk}/").content.decode()
    assert "Được sửa đổi, bổ sung bởi" in page and "7/2024/QĐ-UBND" in page


def test_english_list_shows_only_documents_with_english_text(commune, site_client):
    DocumentFactory(tenant=commune, number="1/EN", summary_en="Land rules")
    DocumentFactory(tenant=commune, number="2/VI", summary_en="")
    assert _numbers(site_client(commune).get("/en/van-ban/")) == ["1/EN"]


def test_lookup_maps_numbers_to_own_or_ancestor_documents_in_one_query(
    province, commune, other_commune, django_assert_num_queries
):
    provincial = DocumentFactory(tenant=province, number="15/2024/QĐ-UBND")
    own = DocumentFactory(tenant=commune, number="3/2025/QĐ-UBND")
    DocumentFactory(tenant=other_commune, number="4/2025/QĐ-UBND")
    DocumentFactory(tenant=commune, number="5/2025/QĐ-UBND", status=PublicationStatus.DRAFT)
    with django_assert_num_queries(1):
        urls = document_urls_by_number(
            ["15/2024/QD-UBND", "3/2025/qđ-ubnd", "4/2025/QĐ-UBND", "5/2025/QĐ-UBND", ""],
            commune,
        )
    assert urls == {
        "15/2024/QD-UBND": provincial.get_absolute_url(),
        "3/2025/QD-UBND": own.get_absolute_url(),
    }
    assert document_urls_by_number([], commune) == {}
