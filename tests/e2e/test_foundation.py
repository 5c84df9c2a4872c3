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
    classes = page.evaluate("document.documentElement.className").split()
    assert {"text-size-1", "high-contrast"} <= set(classes) and "text-size-2" not in classes
    page.reload()
    assert "high-contrast" in page.evaluate("document.documentElement.className")


def test_pages_work_without_javascript(browser, e2e_sites, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url(e2e_sites["commune"], "/gioi-thieu/"))
    assert "Xã An Bình" in page.locator("h1, .brand-name").all_inner_texts()[0] + page.content()
    assert page.locator(".display-controls").is_hidden()
    context.close()


def test_phone_menu_folds_behind_a_button_and_opens_with_keyboard(
    page, e2e_sites, site_url, assert_accessible
):
    page.goto(site_url(e2e_sites["province"]))  # the page fixture is 390 px wide
    menu_link = page.locator("#main-menu-list a").first
    toggle = page.get_by_role("button", name="Danh mục")
    assert toggle.is_visible() and menu_link.is_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and menu_link.is_visible()
    assert_accessible(page)


def test_wide_screens_and_pages_without_javascript_show_the_whole_menu(
    browser, e2e_sites, site_url
):
    wide = browser.new_page(viewport={"width": 1280, "height": 900})
    wide.goto(site_url(e2e_sites["province"]))
    assert wide.locator(".menu-toggle").is_hidden()
    assert wide.locator("#main-menu-list a").first.is_visible()
    wide.close()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    plain = context.new_page()
    plain.goto(site_url(e2e_sites["province"]))
    assert plain.locator(".menu-toggle").is_hidden()
    assert plain.locator("#main-menu-list a").first.is_visible()
    context.close()
