"""Every public page type of the demo, both languages, in Chromium: axe-core finds no
violation of any impact and nothing scrolls sideways (WCAG 1.4.10 reflow) at 1280 px,
at 320 px, and at 320 px with the browser's text at 200 %; at 320 px with the site's
own A+ (150 %) nothing scrolls sideways either."""

import os

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.e2e.conftest import AXE_JS, CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# name: (viewport width, browser default font size in px or None, site text size step)
MODES = {
    "1280": (1280, None, 0),
    "320": (320, None, 0),
    "320 text 200%": (320, 32, 0),
    "320 A+ 150%": (320, None, 3),
}
# axe's experimental rule for WCAG 2.5.3 (label in name) is off by default: turn it on.
AXE_RUN = """async () => await axe.run(document, {
  resultTypes: ['violations'], rules: {'label-content-name-mismatch': {enabled: true}}})"""


@pytest.fixture(scope="module")
def demo_server(demo, django_db_blocker):
    """A live server on the committed demo data (pytest-django's live_server would
    flush the database after the first test)."""
    with django_db_blocker.unblock():
        server = LiveServer("localhost:0")
        yield server.thread.port
        server.stop()


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: apt-get install chromium (.ci/run does it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _measure(chromium, port, pages, mode) -> dict[str, tuple[int, list[str]]]:
    width, font_size, text_step = MODES[mode]
    context = chromium.new_context(bypass_csp=True, viewport={"width": width, "height": 800})
    if text_step:
        context.add_init_script(
            f"localStorage.setItem('portal-display', JSON.stringify({{size: {text_step}}}))"
        )
    page = context.new_page()
    if font_size:  # the browser's own text size setting, not a zoom
        sizes = {"standard": font_size, "fixed": font_size}
        context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": sizes})
    results = {}
    try:
        for kind, (host, path) in sorted(pages.items()):
            response = page.goto(f"http://{host}:{port}{path}")
            assert response.status == 200, (kind, path, response.status)
            scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
            violations = []
            if mode != "320 A+ 150%":
                page.add_script_tag(path=str(AXE_JS))
                found = page.evaluate(AXE_RUN)["violations"]
                violations = [f"{v['id']} {[n['target'] for n in v['nodes']][:3]}" for v in found]
            results[kind] = (scroll_width, violations)
    finally:
        context.close()
    return results


@pytest.mark.parametrize("mode", list(MODES))
def test_every_page_type_is_accessible_and_reflows(chromium, demo_server, demo_pages, mode):
    width = MODES[mode][0]
    results = _measure(chromium, demo_server, demo_pages, mode)
    print(f"\n{mode}: {len(results)} pages")
    for kind, (scroll_width, violations) in results.items():
        print(f"  {kind:40} width {scroll_width:5}  axe {len(violations)} {violations[:2]}")
    wide = {k: w for k, (w, _) in results.items() if w > width}
    failing = {k: v for k, (_, v) in results.items() if v}
    assert len(results) > 60  # both languages, every type
    assert wide == {}, f"scrolls sideways at {mode}"
    assert failing == {}
