"""The search pages in real Chromium: results and zero-result pages, zero axe violations."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from search.indexing import replace_entries
from search.registry import IndexEntry

pytestmark = pytest.mark.e2e


@pytest.fixture
def indexed(e2e_sites):
    commune = e2e_sites["commune"]
    when = datetime(2025, 5, 2, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    for n, (title, body) in enumerate(
        [
            ("Quy hoạch sử dụng đất đến năm 2030", "Lấy ý kiến nhân dân về quy hoạch."),
            ("Đăng ký kinh doanh hộ cá thể", "Hồ sơ đăng ký kinh doanh gồm tờ khai."),
            ("Quyết định số 15/2024/QĐ-UBND", "Ban hành quy chế quản lý."),
        ]
    ):
        entry = IndexEntry(commune.pk, "vi", title, body, f"/tin/{n}/", when)
        replace_entries("e2e.item", str(n), [("article", entry)])
    return e2e_sites


@pytest.mark.parametrize("site", ["commune", "province"])
def test_results_page_is_accessible_and_highlights(
    page, indexed, site_url, assert_accessible, site
):
    page.goto(site_url(indexed[site], "/tim-kiem/?q=quy+hoach+su+dung+dat"))
    assert page.locator(".search-hit").count() >= 1
    assert "Quy hoạch sử dụng đất" in page.locator(".search-hit-title").first.inner_text()
    assert page.locator(".search-hit mark").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)


def test_zero_result_page_is_accessible_with_suggestions(
    page, indexed, site_url, assert_accessible
):
    page.goto(site_url(indexed["commune"], "/tim-kiem/?q=quy+hoach+su+dungg+datt"))
    assert "Không tìm thấy kết quả nào" in page.content()
    assert page.get_by_role("link", name="Xem danh mục thủ tục hành chính").count() == 1
    assert_accessible(page)


def test_search_from_the_header_box_without_javascript(browser, indexed, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url(indexed["commune"]))
    page.fill("#site-search", "15/2024/QD-UBND")
    with page.expect_navigation():
        page.locator(".search-box button").click()
    assert "q=15%2F2024%2FQD-UBND" in page.url
    assert "15/2024/QĐ-UBND" in page.locator(".search-hit-title").first.inner_text()
    context.close()
