"""The open-data catalogue page in real Chromium: zero axe violations in both languages,
and no sideways scrolling on a phone."""

import pytest

from tests.api.world import make_published

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("path", ["/du-lieu-mo/", "/en/du-lieu-mo/"])
def test_open_data_page_is_accessible(page, e2e_sites, site_url, assert_accessible, path):
    make_published(e2e_sites["commune"], "E2E", code="1.009001")
    page.goto(site_url(e2e_sites["commune"], path))
    assert page.locator("h1").count() == 1
    assert page.locator("section.dataset").count() == 5
    assert_accessible(page)


def test_open_data_page_works_at_390_pixels(browser, e2e_sites, site_url):
    make_published(e2e_sites["commune"], "E2E", code="1.009002")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url(e2e_sites["commune"], "/du-lieu-mo/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
