"""Compliance in real Chromium: the public list of required information and the visit
statistics page have zero axe violations; the accessibility check itself runs axe on a
live site, and says "not measured" (never pass) without a browser."""

import pytest

from compliance import accessibility
from compliance.checks import CheckContext, run_check
from compliance.models import CheckStatus, VisitDaily

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "path",
    [
        "/danh-muc-thong-tin-cong-khai/",
        "/en/danh-muc-thong-tin-cong-khai/",
        "/thong-ke-truy-cap/",
        "/en/thong-ke-truy-cap/",
    ],
)
def test_required_information_and_statistics_pages_are_accessible(
    page, e2e_sites, site_url, assert_accessible, path
):
    from django.utils import timezone

    commune = e2e_sites["commune"]
    VisitDaily.objects.create(tenant=commune, day=timezone.localdate(), path="/", views=12)
    page.goto(site_url(commune, path))
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_statistics_page_works_at_390_pixels(browser, e2e_sites, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url(e2e_sites["commune"], "/thong-ke-truy-cap/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_accessibility_check_runs_axe_on_a_live_site(e2e_sites, live_server, settings):
    settings.COMPLIANCE_FETCH_BASE = live_server.url
    result = run_check("accessibility", CheckContext(tenant=e2e_sites["commune"]))
    assert result.status == CheckStatus.PASS, result.evidence
    assert [p["status"] for p in result.evidence] == [200, 200, 200]


def test_accessibility_is_not_measured_without_chromium(e2e_sites, monkeypatch):
    monkeypatch.setattr(accessibility, "CHROMIUM", "/nonexistent/chromium")
    result = run_check("accessibility", CheckContext(tenant=e2e_sites["commune"]))
    assert result.status == CheckStatus.NOT_MEASURED
    assert result.evidence[0]["reason"] == "chromium not installed"
