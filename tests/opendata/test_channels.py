"""The list of information to disclose names the real machine-readable channel of each
item: every link it shows answers, and an item without one says so."""

import re

import pytest

from tests.api.world import make_published

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 Chrome/156"}


def _rows(html: str) -> dict[str, list[str]]:
    return {
        cells[0]: cells
        for cells in (re.findall(r"<td>(.*?)</td>", row, re.S) for row in html.split("<tr>")[2:])
    }


def test_each_item_links_channels_that_answer(site_client, commune, django_assert_max_num_queries):
    make_published(commune, "MARKA", code="1.000001")
    client = site_client(commune)
    client.get("/", **BROWSER)
    with django_assert_max_num_queries(10):
        html = client.get("/danh-muc-thong-tin-cong-khai/", **BROWSER).content.decode()
    assert "(API, RSS)" not in html
    rows = _rows(html)
    channels = {code: cells[6] for code, cells in rows.items()}
    assert 'href="/api/v1/procedures"' in channels["B4"]
    assert 'href="/du-lieu-mo/#thu-tuc-hanh-chinh"' in channels["B4"]
    assert "RSS" not in channels["B4"]  # procedures have no feed, and the list does not claim one
    assert 'href="/ngan-sach/atom/"' in channels["B8"]
    assert 'href="/api/v1/records?section=budget"' in channels["B8"]
    assert 'href="/feed.json"' in channels["B15"]
    assert channels["E"] == "không có"
    links = {url for cells in channels.values() for url in re.findall(r'href="([^"]+)"', cells)}
    assert len(links) > 20
    for url in sorted(links):
        response = client.get(url.replace("&amp;", "&"), **BROWSER)
        assert response.status_code == 200, url


def test_channels_in_english(site_client, commune):
    html = site_client(commune).get("/en/danh-muc-thong-tin-cong-khai/", **BROWSER).content.decode()
    channels = {code: cells[6] for code, cells in _rows(html).items()}
    assert 'href="/en/ngan-sach/atom/"' in channels["B8"]
    assert "Open data" in channels["B8"]
    assert "Machine-readable channels" in html
