"""A staff member enrols a passkey on first sign-in and signs in with it, in real Chromium
with its virtual authenticator (CDP WebAuthn domain), the site's strict CSP on; the
enrolment and key pages are axe-clean and work from the keyboard."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.dialogue.factories import InquiryFactory
from tests.tenants.factories import MembershipFactory

PASSWORD = "pass-Word-2026"


def _with_virtual_authenticator(context, page):
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def _password_step(page, url, user):
    page.goto(url)
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url("**/xac-thuc-hai-buoc/**")


@pytest.fixture
def staff(e2e_sites):
    return MembershipFactory(tenant=e2e_sites["province"], role="editor").user


def test_enrol_a_passkey_then_sign_in_with_it_under_the_strict_csp(
    browser, e2e_sites, site_url, staff
):
    context = browser.new_context()  # no CSP bypass: the site's own policy applies
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    cdp, authenticator = _with_virtual_authenticator(context, page)
    login = site_url(e2e_sites["province"], "/admin/login/?next=/admin/")

    _password_step(page, login, staff)
    button = page.locator("#passkey-register-button")
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Mã khôi phục").wait_for()
    assert page.locator(".recovery-codes li").count() == 10
    stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(stored["credentials"]) == 1
    page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    page.wait_for_url("**/admin/")

    with page.expect_navigation():  # signed out before the next sign-in starts
        page.locator("#logout-form button").click()
    _password_step(page, login, staff)
    expect(page.locator("#passkey-verification-button")).to_be_visible()  # script adds it
    page.locator("#passkey-verification-button").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/")
    assert "Bảng điều khiển" in page.content()
    assert refused == []
    context.close()


def test_the_passkey_screens_are_accessible(page, e2e_sites, site_url, staff, assert_accessible):
    context = page.context
    _with_virtual_authenticator(context, page)
    _password_step(page, site_url(e2e_sites["province"], "/admin/login/?next=/admin/"), staff)
    page.locator("#passkey-register-button").wait_for()
    assert_accessible(page)
    page.locator("#passkey-register-button").click()
    page.get_by_role("heading", name="Mã khôi phục").wait_for()
    assert_accessible(page)
    page.goto(site_url(e2e_sites["province"], "/admin/khoa-bao-mat-cua-toi/"))
    page.get_by_text("Khóa bảo mật đã đăng ký").wait_for()
    assert_accessible(page)


def test_the_personal_data_screen_is_accessible(page, e2e_sites, site_url, assert_accessible):
    admin = MembershipFactory(tenant=e2e_sites["commune"], role="site_admin").user
    InquiryFactory(tenant=e2e_sites["commune"], email="lan@example.com")
    client = Client()
    client.force_login(admin)
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies(
        [{"name": "sessionid", "value": cookie, "domain": "xaa.localhost", "path": "/"}]
    )
    page.goto(site_url(e2e_sites["commune"], "/admin/du-lieu-ca-nhan/?q=lan@example.com"))
    page.get_by_role("button", name="Tải xuống (ZIP)").wait_for()
    assert_accessible(page)
    page.goto(site_url(e2e_sites["commune"], "/admin/du-lieu-ca-nhan/?q=lan@"))
    assert "không phải là địa chỉ thư điện tử hợp lệ" in page.content()
    assert_accessible(page)
