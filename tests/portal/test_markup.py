"""Markup the accessibility and HTML checkers asked for, checked on the rendered pages
(the browser crawl in tests/qa runs axe and the Nu checker over the demo)."""

import re
from html.parser import HTMLParser

import pytest

from content.models import Link
from tests.content.factories import ArticleFactory, CategoryFactory
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def news(commune):
    return CategoryFactory(tenant=commune, name_vi="Tin tức", name_en="News", slug="tin-tuc")


class _Tags(HTMLParser):
    """Start tags with their attributes, and the text inside each <button>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.buttons: list[list[str]] = []
        self._in_button = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "button":
            self._in_button = True
            self.buttons.append([])

    def handle_endtag(self, tag):
        if tag == "button":
            self._in_button = False

    def handle_data(self, data):
        if self._in_button:
            self.buttons[-1].append(data)


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_text_size_buttons_are_named_by_their_visible_text(commune, site_client):
    html = site_client(commune).get("/").content.decode()
    parsed = _tags(html)
    buttons = [(attrs, "".join(text).strip()) for (tag, attrs), text in zip(
        [t for t in parsed.tags if t[0] == "button"], parsed.buttons, strict=True)]  # fmt: skip
    sizes = [
        (attrs, text)
        for attrs, text in buttons
        if attrs.get("data-display") in ("smaller", "larger")
    ]
    assert len(sizes) == 2
    for attrs, text in sizes:
        # WCAG 2.5.3: no aria-label replacing the text; the name starts with "A−"/"A+".
        assert "aria-label" not in attrs
        assert text.startswith(("A−", "A+")) and len(text) > 3, text


def test_every_page_advertises_the_site_feed(commune, site_client):
    client = site_client(commune)
    for path, feed in (("/", "/rss/"), ("/en/", "/en/rss/"), ("/van-ban/", "/rss/")):
        links = [a for t, a in _tags(client.get(path).content.decode()).tags if t == "link"]
        feeds = [
            a
            for a in links
            if a.get("rel") == "alternate" and a.get("type") == "application/rss+xml"
        ]
        assert [a["href"] for a in feeds] == [feed], path
        assert client.get(feed).status_code == 200


def test_a_category_page_advertises_its_own_feed_and_the_sites(commune, site_client, news):
    html = site_client(commune).get(f"/chuyen-muc/{news.slug}/").content.decode()
    feeds = [
        a["href"]
        for t, a in _tags(html).tags
        if t == "link" and a.get("type") == "application/rss+xml"
    ]
    assert feeds == ["/rss/", f"/chuyen-muc/{news.slug}/rss/"]


def test_datetime_attributes_carry_whole_seconds(commune, site_client, news):
    article = ArticleFactory(tenant=commune, category=news, title_vi="Tin có giờ")
    assert article.published_at.microsecond  # timezone.now() has them
    client = site_client(commune)
    for path in ("/", f"/chuyen-muc/{news.slug}/", f"/tin-tuc/{article.slug}/"):
        values = re.findall(r'datetime="([^"]*)"', client.get(path).content.decode())
        assert values, path
        for value in values:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d{4})?", value), (path, value)


def test_filter_forms_name_their_action(commune, site_client):
    DocumentFactory(tenant=commune)
    client = site_client(commune)
    for path in ("/van-ban/", "/tim-kiem/?q=thuế", "/quy-hoach-ke-hoach/"):
        response = client.get(path)
        assert response.status_code == 200, path
        forms = [a for t, a in _tags(response.content.decode()).tags if t == "form"]
        assert forms and all(a.get("action") for a in forms), (path, forms)


def test_search_landmarks_have_distinct_names(commune, site_client):
    html = site_client(commune).get("/tim-kiem/?q=thuế").content.decode()
    searches = [a for t, a in _tags(html).tags if a.get("role") == "search"]
    names = [a.get("aria-label") or a.get("aria-labelledby") for a in searches]
    assert len(searches) == 2 and all(names) and len(set(names)) == 2


def test_scrollable_tables_are_keyboard_regions(commune, site_client):
    DocumentFactory(tenant=commune)
    html = site_client(commune).get("/van-ban/").content.decode()
    regions = [a for t, a in _tags(html).tags if "table-scroll" in a.get("class", "").split()]
    assert regions
    for attrs in regions:
        assert attrs.get("tabindex") == "0" and attrs.get("role") == "region"
        assert attrs.get("aria-label") or attrs.get("aria-labelledby")


def test_the_phone_menu_is_folded_by_css_before_the_first_paint(commune, site_client):
    html = site_client(commune).get("/").content.decode()
    parsed = _tags(html)
    toggle = next(a for t, a in parsed.tags if "menu-toggle" in a.get("class", ""))
    assert "hidden" not in toggle  # shown by the stylesheet, not after DOMContentLoaded
    scripts = [a for t, a in parsed.tags if t == "script" and "display.js" in a.get("src", "")]
    assert scripts and "defer" not in scripts[0]  # the text size is applied before paint
    assert re.search(
        r"<noscript><link rel=\"stylesheet\" href=\"[^\"]*noscript[^\"]*\.css\"></noscript>", html
    )


def test_untranslated_links_are_marked_vietnamese_on_english_pages(commune, site_client):
    Link.objects.create(
        tenant=commune, title_vi="Cổng Dịch vụ công quốc gia", url="https://dichvucong.gov.vn/"
    )
    Link.objects.create(
        tenant=commune,
        title_vi="Báo Nhân Dân",
        title_en="Nhan Dan newspaper",
        url="https://nhandan.vn/",
    )
    en = site_client(commune).get("/en/").content.decode()
    assert re.search(r'<a href="https://dichvucong.gov.vn/" rel="noopener" lang="vi">', en)
    assert re.search(r'<a href="https://nhandan.vn/" rel="noopener">Nhan Dan newspaper', en)
    vi = site_client(commune).get("/").content.decode()
    assert 'lang="vi">Cổng' not in vi
