"""The public shell in real Chromium: two branded sites, both languages, zero axe violations."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("path", ["/", "/gioi-thieu/", "/en/", "/en/gioi-thieu/", "/khong-co/"])
def test_province_and_commune_pages_are_branded_and_accessible(
    page, e2e_sites, site_url, assert_accessible, path
):
    for key, name_vi, name_en in (
        ("province", "Tỉnh Thử Nghiệm", "Test Province"),
        ("commune", "Xã An Bình", "An Binh Commune"),
    ):
        page.goto(site_url(e2e_sites[key], path))
        expected = name_en if path.startswith("/en/") else name_vi
        assert page.locator(".brand-name").inner_text().strip().lower() == expected.lower()
        assert_accessible(page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, e2e_sites, site_url):
    page.goto(site_url(e2e_sites["commune"]))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_usable_at_320_pixels_without_horizontal_scrolling(browser, e2e_sites, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site_url(e2e_sites["province"]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_text_size_and_contrast_controls_work_and_persist(page, e2e_sites, site_url):
    page.goto(site_url(e2e_sites["commune"]))
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tương phản cao").click()
    assert page.evaluate("document.documentElement.className") == "text-size-1 high-contrast"
    page.reload()
    assert "high-contrast" in page.evaluate("document.documentElement.className")


def test_pages_work_without_javascript(browser, e2e_sites, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url(e2e_sites["commune"], "/gioi-thieu/"))
    assert "Xã An Bình" in page.locator("h1, .brand-name").all_inner_texts()[0] + page.content()
    assert page.locator(".display-controls").is_hidden()
    context.close()
