"""The header and forms as a keyboard, phone and zoom user meets them: dropdowns stay on
screen and close with Escape, the phone menu is folded from the first paint, focus goes
to the error summary after a failed submit, required fields are marked."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

DROPDOWN_RECTS = """() => [...document.querySelectorAll('.main-menu .has-children')].map(item => {
  const sub = item.querySelector('ul'); item.querySelector('a').focus();
  const r = sub.getBoundingClientRect();
  return {label: item.querySelector('a').textContent.trim(), shown: r.width > 0,
          left: r.left, right: r.right, width: innerWidth};
})"""


@pytest.mark.parametrize("width", [1280, 1024, 320])
def test_dropdown_menus_stay_on_screen(browser, e2e_sites, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url(e2e_sites["province"], "/"))
    if width < 640:
        page.get_by_role("button", name="Danh mục").click()
    rects = page.evaluate(DROPDOWN_RECTS)
    labels = [r["label"] for r in rects]
    assert "Văn bản" in labels and "Hỏi đáp" in labels
    for rect in rects:
        assert rect["shown"], rect
        assert rect["left"] >= 0 and rect["right"] <= rect["width"], rect
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    context.close()


def test_escape_closes_a_dropdown_and_returns_to_its_link(browser, e2e_sites, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url(e2e_sites["province"], "/"))
    item = page.locator(".main-menu .has-children").filter(has_text="Văn bản").first
    item.locator("a").first.focus()
    page.keyboard.press("Tab")  # into the dropdown
    submenu = item.locator("ul")
    assert submenu.is_visible()
    page.keyboard.press("Escape")
    assert not submenu.is_visible()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Văn bản"
    page.keyboard.press("Tab")  # on to the next item: the dropdown works again next time
    item.locator("a").first.focus()
    assert submenu.is_visible()
    context.close()


def test_the_phone_menu_is_folded_before_any_script_runs(browser, e2e_sites, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    # Hold back the page's script: what shows now is the first paint.
    page.route("**/display.js", lambda route: route.abort())
    page.goto(site_url(e2e_sites["province"], "/"))
    assert page.get_by_role("button", name="Danh mục").is_visible()
    assert not page.locator("#main-menu-list").is_visible()
    assert page.locator(".display-controls").is_visible()
    context.close()


def test_no_layout_shift_on_a_phone(browser, e2e_sites, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.add_init_script(
        "window.__cls = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
        " { if (!e.hadRecentInput) window.__cls += e.value; } })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    page.goto(site_url(e2e_sites["province"], "/"))
    page.wait_for_timeout(300)
    assert page.evaluate("window.__cls") < 0.05
    context.close()


def test_focus_moves_to_the_error_summary_and_required_fields_are_marked(page, e2e_sites, site_url):
    page.goto(site_url(e2e_sites["commune"], "/hoi-dap/gui-cau-hoi/"))
    assert page.get_by_text("Mục có dấu * là bắt buộc.").is_visible()
    name_label = page.locator("label[for=id_name]")
    marker = page.evaluate(
        "el => getComputedStyle(el, '::after').content", name_label.element_handle()
    )
    assert "*" in marker
    page.get_by_role("button", name="Gửi", exact=True).click()
    # expect() waits for the answer and for display.js to move the focus
    expect(page.locator(".form-error-summary")).to_be_focused()
