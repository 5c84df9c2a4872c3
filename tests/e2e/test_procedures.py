"""The procedure catalogue and a procedure in real Chromium: usable and zero axe violations."""

import pytest
from playwright.sync_api import expect

from tests.procedures.factories import SyncSourceFactory, import_records, record

pytestmark = pytest.mark.e2e


@pytest.fixture
def procedures(e2e_sites):
    source = SyncSourceFactory(tenant=e2e_sites["province"])
    import_records(
        source,
        record("1.1", tenants=["xaa"]),
        record("1.2", name="Chứng thực chữ ký trong các giấy tờ, văn bản", field_code="CT",
               field_name="Chứng thực", online_level="partial",
               partial_reason="Phải ký trước mặt người thực hiện chứng thực.", tenants=["xaa"],
               agency_name="Trung tâm Phục vụ hành chính công tỉnh và Bộ phận Một cửa các xã, "
               "phường, đặc khu thuộc tỉnh (tiếp nhận và trả kết quả)"),
    )  # fmt: skip
    return e2e_sites


@pytest.mark.parametrize("site", ["province", "commune"])
def test_catalogue_is_accessible_and_searchable_without_diacritics(
    page, procedures, site_url, assert_accessible, site
):
    page.goto(site_url(procedures[site], "/"))
    assert page.get_by_role(
        "heading", name="Thủ tục hành chính và dịch vụ công trực tuyến"
    ).is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Danh mục").click()  # the phone's folded menu
    page.get_by_role("link", name="Thủ tục hành chính", exact=True).first.click()
    # expect() waits for the new page: inner_text() could read the old page's heading.
    expect(page.locator("h1")).to_have_text("Thủ tục hành chính")
    assert_accessible(page)
    page.get_by_label("Tên hoặc mã thủ tục (gõ có dấu hoặc không dấu)").fill("chung thuc")
    page.get_by_role("button", name="Tìm thủ tục").click()
    expect(page.locator(".procedure-list li")).to_have_count(1)
    assert_accessible(page)


def test_detail_and_print_are_accessible(page, procedures, site_url, assert_accessible):
    page.goto(site_url(procedures["commune"], "/thu-tuc-hanh-chinh/"))
    page.get_by_role("link", name="Chứng thực chữ ký trong các giấy tờ, văn bản").click()
    expect(page.locator("h1")).to_have_text("Chứng thực chữ ký trong các giấy tờ, văn bản")
    assert page.get_by_text("Phải ký trước mặt người thực hiện chứng thực.").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Bản in").click()
    expect(page.get_by_role("button", name="In trang này")).to_be_visible()
    assert_accessible(page)


def test_catalogue_fits_a_phone_screen(page, procedures, site_url):
    page.goto(site_url(procedures["province"], "/thu-tuc-hanh-chinh/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
