"""Browser harness: Playwright driving Debian's Chromium against a live test server,
with axe-core (shipped inside the axe-playwright-python wheel — no CDN) for accessibility.

Sites for browser tests use `*.localhost` hostnames, which Chromium resolves to this
machine: `e2e_sites` gives a province at `localhost` and a commune at `xaa.localhost`.
"""

import os
from pathlib import Path

import axe_playwright_python
import pytest
from django.conf import settings

from tenants.models import TenantKind
from tests.tenants.factories import TenantFactory

# Playwright's sync API runs an event loop in this thread; the ORM calls our tests make
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The platform's own browser (portal/settings.py): the headless shell where installed.
CHROMIUM = settings.COMPLIANCE_CHROMIUM
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
# Every rule, every impact; each violation with the targets of its first five nodes.
AXE_VIOLATIONS = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target)}))"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} is missing: apt-get install chromium-headless-shell (.ci/run does it)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets the test inject axe-core; the site's own CSP stays on for the site.
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def e2e_sites(transactional_db):
    province = TenantFactory(
        kind=TenantKind.PROVINCE,
        slug="tinh",
        name_vi="Tỉnh Thử Nghiệm",
        name_en="Test Province",
        hostname="localhost",
    )
    commune = TenantFactory(
        parent=province,
        slug="xaa",
        name_vi="Xã An Bình",
        name_en="An Binh Commune",
        hostname="xaa.localhost",
    )
    return {"province": province, "commune": commune}


@pytest.fixture
def site_url(live_server):
    """site_url(tenant, path) -> absolute URL of a page of that site on the live server."""
    port = live_server.url.rsplit(":", 1)[1]

    def make(tenant, path="/"):
        hostname = tenant.domains.get(is_primary=True).hostname
        return f"http://{hostname}:{port}{path}"

    return make


def axe_violations(page) -> list[dict]:
    """Run axe-core on the loaded page; every rule, every impact. A context that loads
    axe itself (context.add_init_script(path=AXE_JS)) saves the injection, ~1 s a page."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    # Only what a failure message shows crosses over to Python: receiving axe's whole
    # result (every rule, passed ones included) cost the test process ~25 ms a page.
    return page.evaluate(AXE_VIOLATIONS)


@pytest.fixture
def assert_accessible():
    def check(page):
        violations = axe_violations(page)
        assert violations == [], violations

    return check
