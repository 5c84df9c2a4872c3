"""Content pages in real Chromium: article, listing, home blocks, about; zero axe violations."""

import pytest
from django.utils import translation

from content.models import ContactOfficial, Leader, OrgUnit
from tests.content.factories import ArticleFactory, CategoryFactory, ImageFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def content(e2e_sites, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    commune = e2e_sites["commune"]
    news = CategoryFactory(tenant=commune, name_vi="Tin tức", name_en="News", slug="tin-tuc")
    cover = ImageFactory(tenant=commune, alt_vi="Cánh đồng lúa", alt_en="Rice field")
    article = ArticleFactory(
        tenant=commune,
        category=news,
        title_vi="Ra quân làm sạch kênh mương",
        title_en="Canal clean-up",
        summary_vi="Người dân cùng chính quyền làm sạch kênh mương.",
        summary_en="Residents and officials clean the canals.",
        body_vi="<p>Nội dung.</p><h2>Kết quả</h2><ul><li>12 km kênh</li></ul>",
        body_en="<p>Body.</p>",
        cover=cover,
        featured=True,
    )
    for n in range(25):
        ArticleFactory(tenant=commune, category=news, title_vi=f"Tin số {n}")
    root = OrgUnit.objects.create(tenant=commune, name_vi="Ủy ban nhân dân", name_en="Committee")
    OrgUnit.objects.create(tenant=commune, parent=root, name_vi="Văn phòng", name_en="Office")
    Leader.objects.create(
        tenant=commune, name="Nguyễn Văn A", title_vi="Chủ tịch", title_en="Chair"
    )
    ContactOfficial.objects.create(
        tenant=commune, name="Trần B", title_vi="Chuyên viên", title_en="Officer"
    )
    with translation.override("vi"):
        return {"commune": commune, "article_url": article.get_absolute_url()}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "ARTICLE",
        "/en/ARTICLE",
        "/chuyen-muc/tin-tuc/",
        "/en/chuyen-muc/tin-tuc/",
        "/tin-tuc/",
        "/so-do-cong/",
        "/gioi-thieu/co-cau-to-chuc/",
        "/gioi-thieu/lanh-dao/",
        "/gioi-thieu/can-bo-dau-moi/",
    ],
)
def test_content_pages_are_accessible(page, content, site_url, assert_accessible, path):
    path = path.replace("/ARTICLE", content["article_url"]).replace(
        "ARTICLE", content["article_url"]
    )
    response = page.goto(site_url(content["commune"], path))
    assert response.status == 200
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_listing_pages_forward_and_back(page, content, site_url):
    page.goto(site_url(content["commune"], "/chuyen-muc/tin-tuc/"))
    first = page.locator(".card-title").first.inner_text()
    with page.expect_navigation():  # read the new page, not the one being left
        page.get_by_role("link", name="Tin cũ hơn").click()
    assert page.locator(".card-title").first.inner_text() != first
    with page.expect_navigation():
        page.get_by_role("link", name="Tin mới hơn").click()
    assert page.locator(".card-title").first.inner_text() == first


def test_article_print_button_and_share_links(page, content, site_url):
    page.goto(site_url(content["commune"], content["article_url"]))
    assert page.get_by_role("button", name="In / lưu PDF").is_visible()
    assert (
        page.get_by_role("link", name="Chia sẻ lên Facebook")
        .get_attribute("href")
        .startswith("https://www.facebook.com/sharer/")
    )
    page.emulate_media(media="print")
    assert page.locator(".article-tools").is_hidden()
    assert page.locator("h1").inner_text() == "Ra quân làm sạch kênh mương"


def test_article_page_runs_under_the_strict_csp_without_violations(browser, content, site_url):
    context = browser.new_context()  # no bypass: the site's own CSP applies
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(site_url(content["commune"], content["article_url"]))
    assert page.get_by_role("button", name="In / lưu PDF").is_visible()  # article.js ran
    ld = page.locator('script[type="application/ld+json"]').inner_text()
    assert '"NewsArticle"' in ld
    assert not [m for m in messages if "Content Security Policy" in m], messages
    context.close()


def test_article_and_listing_work_without_javascript(browser, content, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url(content["commune"], "/chuyen-muc/tin-tuc/"))
    # count() does not wait: read the older page only once it has loaded.
    with page.expect_navigation():
        page.get_by_role("link", name="Tin cũ hơn").click()
    assert "sau=" in page.url
    assert page.locator(".card-title").count() > 0
    page.goto(site_url(content["commune"], content["article_url"]))
    assert page.get_by_role("button", name="In / lưu PDF").is_hidden()
    assert page.get_by_role("link", name="Chia sẻ lên Zalo").is_visible()
    context.close()


def test_article_uses_a_wide_screen_and_stacks_on_a_phone(page, content, site_url):
    """Beside the text at 1280 px; under it at 320 px, with no sideways scrolling."""
    from content.models import Article

    Article.objects.filter(title_vi__startswith="Tin số 1").update(view_count=40)
    url = site_url(content["commune"], content["article_url"])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    article = page.locator("article.article").bounding_box()
    aside = page.locator(".article-aside").bounding_box()
    assert aside["x"] >= article["x"] + article["width"]  # beside the text
    assert aside["y"] < article["y"] + 200
    assert page.locator("#most-read-title").is_visible()

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(url)
    article = page.locator("article.article").bounding_box()
    aside = page.locator(".article-aside").bounding_box()
    assert aside["y"] >= article["y"] + article["height"]  # under it
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
