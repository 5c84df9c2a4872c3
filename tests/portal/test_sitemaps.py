"""sitemap.xml is an index of every section's pages; each page is paginated and cached."""

from datetime import UTC, date, datetime, timedelta
from xml.etree import ElementTree as ET

import pytest
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.template.loader import render_to_string
from django.utils import timezone

from content.models import Article
from content.sitemaps import ArticleSitemap
from portal import publishing
from portal import sitemaps as portal_sitemaps
from portal.publishing import PublicationStatus
from tests.content.factories import ArticleFactory, CategoryFactory
from tests.portal.sitemap_client import NS, sitemap_locations, sitemap_pages


def _published(tenant, count, prefix="tin"):
    category = CategoryFactory(tenant=tenant)
    now = timezone.now()
    return Article.objects.bulk_create(
        Article(
            tenant=tenant,
            category=category,
            title_vi=f"Tin {prefix} {n}",
            slug=f"{prefix}-{n}",
            status=PublicationStatus.PUBLISHED,
            published_at=now - timedelta(minutes=n),
        )
        for n in range(count)
    )


@pytest.fixture
def small_pages(monkeypatch):
    """Articles three to a sitemap page, so that a handful of rows spans several pages."""
    monkeypatch.setattr(ArticleSitemap, "limit", 3)


def test_index_parses_and_lists_every_section_of_the_site(commune, site_client):
    response = site_client(commune).get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    listed = [loc.text for loc in root.findall("s:sitemap/s:loc", NS)]
    sections = portal_sitemaps.collect(commune)
    assert {"pages", "articles", "categories", "about", "procedures"} <= set(sections)
    for name in sections:
        assert f"http://xaa.portal.test/sitemap-{name}.xml" in listed
    assert all(loc.startswith("http://xaa.portal.test/") for loc in listed)


def test_robots_txt_points_to_the_index(commune, site_client):
    client = site_client(commune)
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://xaa.portal.test/sitemap.xml" in robots
    assert b"<sitemapindex" in client.get("/sitemap.xml").content


def test_a_long_section_is_listed_page_by_page_and_every_article_is_reachable(
    small_pages, commune, site_client
):
    articles = _published(commune, 8)
    client = site_client(commune)
    pages = sitemap_pages(client)
    assert [p for p in pages if p.startswith("/sitemap-articles.xml")] == [
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=2",
        "/sitemap-articles.xml?p=3",
    ]
    locations = sitemap_locations(client)
    for article in articles:
        assert locations.count(f"http://xaa.portal.test{article.get_absolute_url()}") == 1
    assert client.get("/sitemap-articles.xml", {"p": 4}).status_code == 404


def test_no_drafts_trash_or_other_sites_items(small_pages, commune, other_commune, site_client):
    mine = ArticleFactory(tenant=commune, title_vi="Tin đã đăng")
    draft = ArticleFactory(tenant=commune, title_vi="Bản nháp", status=PublicationStatus.DRAFT)
    pending = ArticleFactory(tenant=commune, title_vi="Chờ duyệt", status=PublicationStatus.PENDING)
    trashed = ArticleFactory(tenant=commune, title_vi="Đã xoá", deleted_at=timezone.now())
    theirs = ArticleFactory(tenant=other_commune, title_vi="Tin xã khác")
    locations = sitemap_locations(site_client(commune))
    assert f"http://xaa.portal.test{mine.get_absolute_url()}" in locations
    for hidden in (draft, pending, trashed, theirs):
        assert not any(loc.endswith(f"/{hidden.slug}/") for loc in locations), hidden.title_vi
    assert all(loc.startswith("http://xaa.portal.test/") for loc in locations)


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap-nothing.xml",
        "/sitemap-articles.xml?p=abc",
        "/sitemap-articles.xml?p=0",
        "/sitemap-articles.xml?p=-1",
        "/sitemap-articles.xml?p=99999999",
    ],
)
def test_unknown_sections_and_pages_are_404(commune, site_client, path):
    assert site_client(commune).get(path).status_code == 404


def test_query_budget_of_the_index_and_of_a_deep_page(
    small_pages, commune, site_client, django_assert_max_num_queries
):
    _published(commune, 30)
    client = site_client(commune)
    client.get("/robots.txt")  # resolve and cache the host
    with django_assert_max_num_queries(12):  # one count per section that queries
        assert client.get("/sitemap.xml").status_code == 200
    for page in (1, 10):
        with django_assert_max_num_queries(2):  # the count and the page
            response = client.get("/sitemap-articles.xml", {"p": page})
        assert response.status_code == 200
        assert len(ET.fromstring(response.content).findall("s:url", NS)) == 3


def test_second_request_is_served_from_the_cache(commune, site_client, django_assert_num_queries):
    _published(commune, 5)
    client = site_client(commune)
    for path in ("/sitemap.xml", "/sitemap-articles.xml", "/sitemap-about.xml"):
        first = client.get(path)
        with django_assert_num_queries(0):
            second = client.get(path)
        assert second.status_code == 200 and second.content == first.content
        assert second["X-Robots-Tag"] == first["X-Robots-Tag"]


def test_cache_is_per_site_and_language(commune, other_commune, site_client):
    _published(commune, 2, prefix="mot")
    _published(other_commune, 2, prefix="hai")
    mine = site_client(commune).get("/sitemap-articles.xml").content.decode()
    theirs = site_client(other_commune).get("/sitemap-articles.xml").content.decode()
    assert "/mot-0/" in mine and "/hai-0/" not in mine
    assert "/hai-0/" in theirs and "/mot-0/" not in theirs
    english = site_client(commune).get("/sitemap-about.xml", HTTP_ACCEPT_LANGUAGE="en")
    vietnamese = site_client(commune).get("/sitemap-about.xml")
    assert english.status_code == vietnamese.status_code == 200


def test_a_new_article_shows_without_waiting_for_the_cache(commune, site_client):
    client = site_client(commune)
    before = client.get("/sitemap-articles.xml").content.decode()
    article = ArticleFactory(tenant=commune, title_vi="Tin mới nhất")
    assert article.slug not in before
    assert f"/{article.slug}/" in client.get("/sitemap-articles.xml").content.decode()


def test_publishing_or_unpublishing_bumps_the_sites_sitemap_version(
    commune, commune_approver, django_capture_on_commit_callbacks
):
    article = ArticleFactory(tenant=commune, status=PublicationStatus.PENDING)
    before = portal_sitemaps.version(commune.pk)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(article, by=commune_approver)
    published = portal_sitemaps.version(commune.pk)
    assert published > before
    with django_capture_on_commit_callbacks(execute=True):
        publishing.archive(article, by=commune_approver)
    assert portal_sitemaps.version(commune.pk) > published


class _Sample(Sitemap):
    """Every field the template writes: alternates, lastmods near midnight, odd text."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        midnight_utc = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)  # 2 March in Hà Nội
        return [
            ("/c/", None, "weekly", 1.0),
            ("/a/?x=1&y=<2>", midnight_utc, "daily", 0.5),
            ('/b/"q"/', date(2026, 1, 2), None, None),
        ]

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]

    def changefreq(self, item):
        return item[2]

    def priority(self, item):
        return item[3]


def _parsed(xml: bytes) -> list:
    root = ET.fromstring(xml)
    return [
        [(child.tag, child.text, sorted(child.attrib.items())) for child in url]
        for url in root.findall("s:url", NS)
    ]


def test_a_page_is_the_xml_djangos_template_writes(rf, settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    site = RequestSite(rf.get("/", HTTP_HOST="xaa.portal.test"))
    sitemap = _Sample()
    expected = render_to_string("sitemap.xml", {"urlset": sitemap.get_urls(site=site)})
    ours, last_modified = portal_sitemaps.render_page(_Sample(), 1, site, "https")
    ET.fromstring(ours)  # well-formed
    assert _parsed(ours) == _parsed(expected.encode())
    assert b"<lastmod>2026-03-02</lastmod>" in ours
    assert last_modified is None  # one item has no lastmod


def test_a_page_whose_items_all_have_a_lastmod_sends_last_modified(rf):
    site = RequestSite(rf.get("/", HTTP_HOST="xaa.portal.test"))

    class Dated(_Sample):
        def items(self):
            return [(f"/{n}/", datetime(2026, 3, n, 8, tzinfo=UTC), None, None) for n in (1, 5)]

    _, last_modified = portal_sitemaps.render_page(Dated(), 1, site, "https")
    assert last_modified == "Thu, 05 Mar 2026 08:00:00 GMT"
