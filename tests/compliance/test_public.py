"""Public pages of every site: the list of information that must be disclosed (B17) and
the visit statistics page, with their query budgets."""

import re
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from disclosure.models import Section
from tests.disclosure.factories import RecordFactory
from tests.portal.sitemap_client import sitemap_text
from tests.procedures.factories import SyncSourceFactory, import_records, record

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 Chrome/156"}


def test_disclosure_list_shows_where_how_and_when(
    commune, site_client, django_assert_max_num_queries
):
    client = site_client(commune)
    client.get("/", **BROWSER)
    with django_assert_max_num_queries(10):
        response = client.get("/danh-muc-thong-tin-cong-khai/", **BROWSER)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Danh mục thông tin phải công khai</h1>" in html
    assert "Luật TCTT Điều 17 khoản 1 điểm e" in html
    assert 'href="/gioi-thieu/"' in html  # A5/B13: the About page of this site
    assert 'href="/thong-ke-truy-cap/"' in html
    assert "chưa có" in html  # items whose app is not there yet say so


def test_disclosure_list_in_english(commune, site_client):
    html = site_client(commune).get("/en/danh-muc-thong-tin-cong-khai/", **BROWSER).content.decode()
    assert "Budget estimates and final accounts" in html
    assert 'href="/en/ngan-sach/"' in html


def test_disclosure_list_links_the_apps_sections_with_their_last_update(
    province, commune, site_client
):
    RecordFactory(
        tenant=commune, section=Section.BUDGET, published_at=datetime(2026, 4, 2, 3, tzinfo=UTC)
    )
    import_records(SyncSourceFactory(tenant=province), record("1.1", tenants=["xaa"]))
    html = site_client(commune).get("/danh-muc-thong-tin-cong-khai/", **BROWSER).content.decode()
    rows = {
        cells[0]: cells
        for cells in (re.findall(r"<td>(.*?)</td>", row, re.S) for row in html.split("<tr>")[2:])
    }
    assert 'href="/ngan-sach/"' in rows["B8"][2] and rows["B8"][4] == "02/04/2026"
    assert 'href="/thu-tuc-hanh-chinh/"' in rows["B4"][2]
    assert rows["B4"][4] == timezone.localdate().strftime("%d/%m/%Y")  # synced today
    assert 'href="/so-lieu-thong-ke/"' in rows["B9"][2] and rows["B9"][4] == "chưa có"


def test_statistics_page_query_budget(commune, site_client, django_assert_max_num_queries):
    client = site_client(commune)
    client.get("/", **BROWSER)
    with django_assert_max_num_queries(10):
        assert client.get("/thong-ke-truy-cap/", **BROWSER).status_code == 200


def test_pages_are_in_the_sitemap(commune, site_client):
    xml = sitemap_text(site_client(commune))
    assert "/danh-muc-thong-tin-cong-khai/</loc>" in xml
    assert "/thong-ke-truy-cap/</loc>" in xml
