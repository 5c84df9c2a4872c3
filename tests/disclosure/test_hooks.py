"""The app's contributions to shared features: search entries, menu, sitemap, demo."""

import pytest

from disclosure.models import Section
from disclosure.navigation import menu_items
from disclosure.search_index import SOURCES
from portal.publishing import PublicationStatus
from tests.disclosure.factories import RecordFactory
from tests.portal.sitemap_client import sitemap_text

pytestmark = pytest.mark.django_db


def test_search_entries_for_published_records_in_each_language(commune):
    source = SOURCES[0]
    record = RecordFactory(
        tenant=commune,
        title_vi="Bảng giá đất",
        title_en="Land prices",
        section=Section.LAND,
        reference_number="15/2025/QĐ-UBND",
    )
    entries = list(source.entries(record))
    assert [(e.language, e.title) for e in entries] == [
        ("vi", "Bảng giá đất"),
        ("en", "Land prices"),
    ]
    assert entries[0].url == entries[1].url == record.get_absolute_url()
    assert entries[0].reference == "15/2025/QĐ-UBND" and entries[0].tenant_id == commune.pk
    draft = RecordFactory(tenant=commune, status=PublicationStatus.DRAFT)
    assert list(source.entries(draft)) == []
    assert draft not in source.indexable() and record in source.indexable()


def test_one_menu_with_a_child_per_section(commune):
    (item,) = menu_items(commune)
    assert item.label == "Công khai thông tin"
    assert len(item.children) == 8
    assert item.children[0].url == "/quy-hoach-ke-hoach/"


def test_sitemap_lists_sections_and_records(commune, site_client):
    record = RecordFactory(tenant=commune)
    body = sitemap_text(site_client(commune))
    assert "/ngan-sach/</loc>" in body and f"{record.get_absolute_url()}</loc>" in body
