"""The admin's language switch in real Chromium, under the admin's own CSP: a staff member
presses "English" in the header, stays on the page they were on, now in English, and
goes back with "Tiếng Việt"; the switch is a plain form, reachable and named."""

import pytest
from django.test import Client

from tenants.models import Role
from tests.tenants.factories import MembershipFactory

pytestmark = pytest.mark.e2e


def test_a_staff_member_switches_the_admin_to_english_and_back(browser, e2e_sites, site_url):
    commune = e2e_sites["commune"]
    editor = MembershipFactory(tenant=commune, role=Role.EDITOR).user
    client = Client(HTTP_HOST=commune.domains.get(is_primary=True).hostname)
    client.force_login(editor)
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # CSP enforced
    session = client.cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": site_url(commune)}])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(site_url(commune, "/admin/content/article/"))
    assert page.locator("html").get_attribute("lang") == "vi"
    # wait_for_load_state() would return at once on the page still shown: wait for the answer.
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.url.endswith("/admin/content/article/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Select article to change"
    assert _header_violations(browser, context.cookies(), page.url) == []

    with page.expect_navigation():
        page.get_by_role("button", name="Tiếng Việt").click()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert errors == []
    context.close()


def _header_violations(browser, cookies, url):
    """axe-core on the header, in a context that lets the test inject it."""
    from tests.e2e.conftest import AXE_JS

    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    context.add_cookies(cookies)
    page = context.new_page()
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == "en"
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("async () => await axe.run('#header', {resultTypes: ['violations']})")
    context.close()
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
