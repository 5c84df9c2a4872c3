"""RSS 2.0 and sitemap.xml: valid XML, published items of this site only."""

import xml.etree.ElementTree as ET

import pytest

from portal.publishing import PublicationStatus
from tests.content.factories import ArticleFactory
from tests.portal.sitemap_client import sitemap_locations

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def items(commune, other_commune, news):
    draft, waiting = PublicationStatus.DRAFT, PublicationStatus.PENDING
    return {
        "public": ArticleFactory(tenant=commune, category=news, title_vi="Tin đã đăng"),
        "draft": ArticleFactory(tenant=commune, category=news, title_vi="Tin nháp", status=draft),
        "pending": ArticleFactory(tenant=commune, category=news, title_vi="Chờ", status=waiting),
        "other": ArticleFactory(tenant=other_commune, title_vi="Tin xã khác"),
        "elsewhere": ArticleFactory(tenant=commune, title_vi="Tin mục khác"),
    }  # fmt: skip


def _rss_titles(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return [item.findtext("title") for item in root.iter("item")]


def test_site_feed_lists_published_items_of_this_site_only(items, commune, site_client):
    titles = _rss_titles(site_client(commune).get("/rss/"))
    assert sorted(titles) == ["Tin mục khác", "Tin đã đăng"]


def test_category_feed_lists_that_category_only(items, commune, site_client):
    assert _rss_titles(site_client(commune).get("/chuyen-muc/tin-tuc/rss/")) == ["Tin đã đăng"]


def test_category_feed_of_another_sites_category_is_404(items, other_commune, site_client):
    assert site_client(other_commune).get("/chuyen-muc/tin-tuc/rss/").status_code == 404


def test_english_feed_lists_items_with_english_text(items, commune, site_client):
    items["public"].title_en = "Published news"
    items["public"].save()
    assert _rss_titles(site_client(commune).get("/en/rss/")) == ["Published news"]


def test_sitemap_is_valid_xml_with_the_right_urls(items, commune, site_client):
    locations = sitemap_locations(site_client(commune))
    assert f"http://xaa.portal.test{items['public'].get_absolute_url()}" in locations
    assert "http://xaa.portal.test/chuyen-muc/tin-tuc/" in locations
    assert "http://xaa.portal.test/so-do-cong/" in locations
    for key in ("draft", "pending", "other"):
        assert not any(loc.endswith(items[key].get_absolute_url()) for loc in locations), key


def test_html_site_map_lists_categories(items, commune, site_client):
    client = site_client(commune)
    html = client.get("/so-do-cong/").content.decode()
    assert "Sơ đồ cổng" in html and "/chuyen-muc/tin-tuc/" in html
    footer = client.get("/gioi-thieu/").content.decode().split('class="site-footer"')[1]
    assert 'href="/so-do-cong/"' in footer and 'href="/rss/"' in footer


def test_html_site_map_links_the_tree_grouped_by_kind(province, department, commune, site_client):
    html = site_client(province).get("/so-do-cong/").content.decode()
    assert "Sở, ban, ngành" in html and "http://sotaichinh.portal.test/" in html
    assert "http://xaa.portal.test/" in html
    commune_map = site_client(commune).get("/so-do-cong/").content.decode()
    assert "http://portal.test/" in commune_map


ATOM = "{http://www.w3.org/2005/Atom}"


def _atom_entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    return entries


def _json_feed(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["home_page_url"].startswith("http://")
    assert feed["feed_url"].startswith("http://")
    for item in feed["items"]:
        assert item["id"] and item["url"].startswith("http://")
        assert "content_html" in item or "content_text" in item
    return feed


def test_atom_feed_carries_the_whole_article(items, commune, site_client):
    items["public"].body = "<p>Toàn văn <strong>bài viết</strong></p>"
    items["public"].save()
    entries = _atom_entries(site_client(commune).get("/atom/"))
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert sorted(titles) == ["Tin mục khác", "Tin đã đăng"]
    public = next(e for e in entries if e.findtext(f"{ATOM}title") == "Tin đã đăng")
    content = public.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<strong>bài viết</strong>" in content.text
    category = _atom_entries(site_client(commune).get("/chuyen-muc/tin-tuc/atom/"))
    assert [e.findtext(f"{ATOM}title") for e in category] == ["Tin đã đăng"]


def test_json_feed_per_site_and_category(items, commune, other_commune, site_client):
    items["public"].body = "<p>Toàn văn</p>"
    items["public"].save()
    feed = _json_feed(site_client(commune).get("/feed.json"))
    assert sorted(i["title"] for i in feed["items"]) == ["Tin mục khác", "Tin đã đăng"]
    public = next(i for i in feed["items"] if i["title"] == "Tin đã đăng")
    assert public["content_html"] == "<p>Toàn văn</p>"
    assert public["date_published"].startswith("20")
    assert feed["language"] == "vi"
    category = _json_feed(site_client(commune).get("/chuyen-muc/tin-tuc/feed.json"))
    assert [i["title"] for i in category["items"]] == ["Tin đã đăng"]
    assert site_client(other_commune).get("/chuyen-muc/tin-tuc/feed.json").status_code == 404
    assert site_client(other_commune).get("/chuyen-muc/tin-tuc/atom/").status_code == 404


def test_english_atom_and_json_feeds(items, commune, site_client):
    items["public"].title_en = "Published news"
    items["public"].save()
    entries = _atom_entries(site_client(commune).get("/en/atom/"))
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Published news"]
    feed = _json_feed(site_client(commune).get("/en/feed.json"))
    assert [i["title"] for i in feed["items"]] == ["Published news"]
    assert feed["language"] == "en"


def test_feed_query_budget(items, commune, site_client, django_assert_max_num_queries):
    client = site_client(commune)
    client.get("/rss/")
    for url in (
        "/atom/",
        "/feed.json",
        "/chuyen-muc/tin-tuc/atom/",
        "/chuyen-muc/tin-tuc/feed.json",
    ):
        with django_assert_max_num_queries(4):
            assert client.get(url).status_code == 200


def test_category_page_announces_every_feed(items, commune, site_client):
    html = site_client(commune).get("/chuyen-muc/tin-tuc/").content.decode()
    assert 'type="application/atom+xml"' in html and "/chuyen-muc/tin-tuc/atom/" in html
    assert 'type="application/feed+json"' in html and "/chuyen-muc/tin-tuc/feed.json" in html
