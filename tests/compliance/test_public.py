"""Public pages of every site: the list of information that must be disclosed (B17) and
the visit statistics page, with their query budgets."""

import pytest

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


def test_statistics_page_query_budget(commune, site_client, django_assert_max_num_queries):
    client = site_client(commune)
    client.get("/", **BROWSER)
    with django_assert_max_num_queries(10):
        assert client.get("/thong-ke-truy-cap/", **BROWSER).status_code == 200


def test_pages_are_in_the_sitemap(commune, site_client):
    xml = site_client(commune).get("/sitemap.xml").content.decode()
    assert "/danh-muc-thong-tin-cong-khai/</loc>" in xml
    assert "/thong-ke-truy-cap/</loc>" in xml
