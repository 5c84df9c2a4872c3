"""Every public page type (tests/e2e/world.py), in Vietnamese and in English, on three
screens: a 1280 px desktop, a 320 px phone (WCAG 1.4.10's reflow width) and that phone
with the browser's text size doubled (WCAG 1.4.4). On each: axe-core finds no violation
of any impact, and the page does not scroll sideways. The same pages go through the Nu
HTML Checker (tests/demo/nu_checker.py): no error.

The doubled text is Chromium's own font-size setting (Settings → Appearance → Font size,
which the Chrome DevTools Protocol sets with Page.setFontSizes): 16 → 32 px as the default
size, so everything sized in rem/em/% doubles and the site's A−/A+ classes still apply on
top, as for a reader who set a large font in their browser. (Ctrl + zoom, by contrast,
only narrows the CSS viewport: at 320 px wide it is already covered by the 320 px pass.)

Each page is loaded once and checked on the three screens in turn: the window narrows and
the text size changes on the loaded page, as when a reader turns a tablet or enlarges the
text, and the browser lays the page out again for each (its media queries and the
setting apply at once, which the font and width checks below confirm on every screen).
The pages' scripts read neither the width nor the font size at load (static/js), so a
page resized is the page loaded at that size; loading it three times cost these tests a
third more CPU (52.4 against 38.5 CPU-s) for the same findings."""

import pytest
from django.test import Client
from django.utils import translation

from tests.demo.nu_checker import nu_errors
from tests.e2e.conftest import AXE_JS, axe_violations
from tests.e2e.world import build_public_world

pytestmark = pytest.mark.e2e

# name: (viewport width, default font size in px), in the order a loaded page goes through.
SCREENS = {"1280px": (1280, 16), "320px": (320, 16), "320px-text-200%": (320, 32)}
LANGUAGES = {"vi": "", "en": "/en"}
# The pages of each language in three parts (every third page), so that the six tests
# spread over the test processes instead of two long ones ending the run.
PARTS = 3


def show_screen(page, cdp, width: int, font_size: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": font_size, "fixed": font_size}})


@pytest.mark.parametrize("part", range(PARTS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_is_accessible_and_reflows(
    browser, e2e_sites, site_url, settings, tmp_path, language, part
):
    settings.MEDIA_ROOT = tmp_path / "media"
    pages = build_public_world(e2e_sites["province"], e2e_sites["commune"])[part::PARTS]
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    failures, checked = [], 0
    for name, site, path in pages:
        url = LANGUAGES[language] + path
        show_screen(page, cdp, *SCREENS["1280px"])  # the last page left the phone's
        response = page.goto(site_url(e2e_sites[site], url))
        expected = 404 if name == "not found" else 200
        if response.status != expected:
            failures.append((f"{name} [{language}] {url}", f"HTTP {response.status}"))
            continue
        for screen, (width, font_size) in SCREENS.items():
            where = f"{name} [{language}, {screen}] {url}"
            show_screen(page, cdp, width, font_size)
            # The setting took, and nothing of the last screen's size stayed behind.
            root_font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert font_size <= root_font < 2 * font_size, (where, root_font)
            assert page.evaluate("window.innerWidth") == width, where
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                failures.append((where, f"scrolls sideways: {scroll_width} px wide"))
            for violation in axe_violations(page):
                failures.append((where, violation))
            checked += 1
    context.close()
    print(f"\n[{language}] part {part + 1}/{PARTS}: {checked} checked, {len(failures)} findings")
    for failure in failures:
        print("  ", *failure)
    assert checked == len(pages) * len(SCREENS)
    assert failures == []


def test_every_page_type_is_valid_html(e2e_sites, settings, tmp_path):
    """The same pages, both languages, through the Nu HTML Checker: no error."""
    settings.MEDIA_ROOT = tmp_path / "media"
    pages = build_public_world(e2e_sites["province"], e2e_sites["commune"])
    documents = {}
    for name, site, path in pages:
        client = Client(HTTP_HOST=e2e_sites[site].domains.get(is_primary=True).hostname)
        for language, url in (("vi", path), ("en", "/en" + path)):
            response = client.get(url)
            translation.activate("vi")  # each page leaves its language active
            assert response.status_code == (404 if name == "not found" else 200), url
            documents[f"{name} [{language}] {url}"] = response.content
    errors = nu_errors(documents, tmp_path)
    print(f"\nNu HTML checker: {len(documents)} pages, {sum(map(len, errors.values()))} errors")
    for where, found in sorted(errors.items()):
        print(f"  {where}: {len(found)} — {found[:3]}")
    assert len(documents) == 2 * len(pages)
    assert errors == {}
