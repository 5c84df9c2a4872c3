"""Security keys / passkeys (django-otp-webauthn) as the second step: enrolment on first
sign-in (then recovery codes), sign-in with the key after the password, and what is
refused — another account's key, another origin, a replayed answer, a key added with the
password alone, a key without the password. A software authenticator stands in for the
browser (tests/accounts/soft_authenticator.py); tests/e2e/test_passkey.py uses Chromium's."""

import json
import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts import second_factor
from accounts.audit import security_events
from accounts.webauthn import relying_party_id
from tests.accounts.soft_authenticator import SoftAuthenticator
from tests.tenants.factories import MembershipFactory

LOGIN = "/admin/login/"
SECOND_STEP = "/admin/xac-thuc-hai-buoc/"
KEYS = "/admin/khoa-bao-mat/"
PASSWORD = "pass-Word-2026"
ORIGIN = "http://portal.test"


@pytest.fixture
def editor(province):
    return MembershipFactory(tenant=province, role="editor").user


@pytest.fixture
def other_editor(province):
    return MembershipFactory(tenant=province, role="editor").user


def _password_step(user, address="203.0.113.7") -> Client:
    client = Client(HTTP_HOST="portal.test", REMOTE_ADDR=address)
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(SECOND_STEP)
    return client


def _post_json(client, url, data=None):
    body = json.dumps(data) if data is not None else ""
    return client.post(url, body, content_type="application/json")


def _register(client, authenticator):
    options = _post_json(client, KEYS + "registration/begin/")
    assert options.status_code == 200, options.content
    answer = authenticator.register(options.json())
    return _post_json(client, KEYS + "registration/complete/", answer)


def _assert(client, authenticator, **kwargs):
    options = _post_json(client, KEYS + "authentication/begin/")
    assert options.status_code == 200, options.content
    answer = authenticator.assert_(options.json(), **kwargs)
    return _post_json(client, KEYS + "authentication/complete/?next=/admin/", answer)


def _enrolled_with_a_key(user) -> SoftAuthenticator:
    client = _password_step(user)
    authenticator = SoftAuthenticator(ORIGIN)
    assert _register(client, authenticator).status_code == 200
    return authenticator


def _scripts_are_external_or_data(html: str) -> None:
    """The strict CSP (script-src 'self', no inline script): every script is a file of
    ours or a JSON data block."""
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'src="/' in tag or 'type="application/json"' in tag, tag


def test_first_sign_in_enrols_a_security_key_then_shows_recovery_codes(editor):
    client = _password_step(editor)
    page = client.get(SECOND_STEP + "?next=/admin/").content.decode()
    assert "Đăng ký khóa bảo mật" in page
    assert "/static/django_otp_webauthn/otp_webauthn_register.js" in page
    assert 'data-continue="/admin/xac-thuc-hai-buoc/?next=%2Fadmin%2F"' in page
    _scripts_are_external_or_data(page)

    done = _register(client, SoftAuthenticator(ORIGIN))
    assert done.status_code == 200
    key = WebAuthnCredential.objects.get(user=editor)
    assert key.confirmed
    event = security_events("second_factor_enrolled").get(actor=editor)
    assert event.additional_data == {"kind": "webauthn"}

    codes_page = client.get(SECOND_STEP + "?next=/admin/")
    assert codes_page.status_code == 200
    assert len(codes_page.context["codes"]) == 10
    assert client.get(SECOND_STEP + "?next=/admin/")["Location"] == "/admin/"  # once
    assert client.get("/admin/").status_code == 200


def test_sign_in_with_the_key_as_the_second_step(editor):
    authenticator = _enrolled_with_a_key(editor)
    client = _password_step(editor, "203.0.113.8")
    page = client.get(SECOND_STEP + "?next=/admin/").content.decode()
    assert "Xác thực bằng khóa bảo mật" in page
    assert "/static/django_otp_webauthn/otp_webauthn_auth.js" in page
    _scripts_are_external_or_data(page)
    assert client.get("/admin/").status_code == 302
    session_before = client.session.session_key

    done = _assert(client, authenticator)
    assert done.status_code == 200, done.content
    assert done.json()["redirect_url"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.session.session_key != session_before  # a new session key


def test_an_assertion_made_with_another_accounts_key_is_refused(editor, other_editor):
    editors_key = _enrolled_with_a_key(editor)
    _enrolled_with_a_key(other_editor)
    client = _password_step(other_editor, "203.0.113.9")
    refused = _assert(client, editors_key)
    assert refused.status_code == 403
    assert "không thuộc tài khoản đang đăng nhập" in refused.json()["detail"]
    assert client.get("/admin/").status_code == 302
    assert not client.session.get("otp_device_id")


def test_refused_keys_count_towards_the_lock_out(editor, other_editor, settings):
    settings.AXES_FAILURE_LIMIT = 3
    editors_key = _enrolled_with_a_key(editor)
    client = _password_step(other_editor, "203.0.113.11")
    assert _assert(client, editors_key).status_code == 403
    assert _assert(client, editors_key).status_code == 403
    locked = _assert(client, editors_key)
    assert locked.status_code == 429
    assert "tạm bị khóa" in locked.json()["detail"]
    assert not client.session.get("_auth_user_id")  # signed out
    assert security_events("login_locked_out").exists()
    again = client.post(LOGIN, {"username": other_editor.username, "password": PASSWORD})
    assert again.status_code == 429  # the lock holds for the password too


def test_an_assertion_for_another_origin_is_refused(editor):
    authenticator = _enrolled_with_a_key(editor)
    client = _password_step(editor)
    refused = _assert(client, authenticator, origin="http://lua-dao.example")
    assert refused.status_code >= 400
    assert client.get("/admin/").status_code == 302


def test_a_replayed_answer_is_refused(editor):
    authenticator = _enrolled_with_a_key(editor)
    client = _password_step(editor)
    options = _post_json(client, KEYS + "authentication/begin/").json()
    answer = authenticator.assert_(options)
    url = KEYS + "authentication/complete/?next=/admin/"
    assert _post_json(client, url, answer).status_code == 200
    other = _password_step(editor, "203.0.113.10")
    replay = _post_json(other, url, answer)
    assert replay.status_code == 400  # the challenge was used up with the first session
    assert other.get("/admin/").status_code == 302


def test_the_password_alone_cannot_add_a_key_to_an_enrolled_account(editor):
    TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)
    client = _password_step(editor)
    refused = _post_json(client, KEYS + "registration/begin/")
    assert refused.status_code == 403
    assert not WebAuthnCredential.objects.filter(user=editor).exists()


def test_a_key_without_the_password_signs_nobody_in(editor):
    _enrolled_with_a_key(editor)
    anonymous = Client(HTTP_HOST="portal.test")
    refused = _post_json(anonymous, KEYS + "authentication/begin/")
    assert refused.status_code == 403
    assert "hãy nhập mật khẩu trước" in refused.json()["detail"]


def test_a_signed_in_member_adds_a_key_from_their_key_page(province, editor):
    client = Client(HTTP_HOST="portal.test")
    client.force_login(editor)  # both steps done (tests/conftest.py)
    page = client.get("/admin/khoa-bao-mat-cua-toi/")
    assert page.status_code == 200
    assert "Bạn chưa đăng ký khóa bảo mật nào." in page.content.decode()
    _scripts_are_external_or_data(page.content.decode())
    assert _register(client, SoftAuthenticator(ORIGIN)).status_code == 200
    assert "Khóa bảo mật đã đăng ký" in client.get("/admin/khoa-bao-mat-cua-toi/").content.decode()


def test_a_member_removes_their_own_key_and_not_anothers(province, editor, other_editor):
    _enrolled_with_a_key(other_editor)
    others_key = WebAuthnCredential.objects.get(user=other_editor)
    client = Client(HTTP_HOST="portal.test")
    client.force_login(editor)
    assert _register(client, SoftAuthenticator(ORIGIN)).status_code == 200
    own_key = WebAuthnCredential.objects.get(user=editor)
    refused = client.post("/admin/khoa-bao-mat-cua-toi/", {"remove": others_key.pk}, follow=True)
    assert "Không tìm thấy khóa bảo mật này" in refused.content.decode()
    assert WebAuthnCredential.objects.filter(pk=others_key.pk).exists()
    assert client.post("/admin/khoa-bao-mat-cua-toi/", {"remove": "x"}).status_code == 302
    done = client.post("/admin/khoa-bao-mat-cua-toi/", {"remove": own_key.pk}, follow=True)
    assert "Đã xóa khóa bảo mật" in done.content.decode()
    assert not WebAuthnCredential.objects.filter(pk=own_key.pk).exists()
    assert security_events("second_factor_removed").get().actor == editor


def test_a_reset_removes_the_keys(editor, superuser):
    _enrolled_with_a_key(editor)
    second_factor.reset(editor, by=superuser)
    assert not WebAuthnCredential.objects.filter(user=editor).exists()


def test_the_relying_party_is_the_province_suffix_when_the_host_is_under_it(settings):
    settings.HOSTNAME_SUFFIXES = ["sonlam.gov.vn"]
    assert relying_party_id("xaanbinh.sonlam.gov.vn") == "sonlam.gov.vn"
    assert relying_party_id("XaAnBinh.SonLam.gov.vn.:8443") == "sonlam.gov.vn"
    assert relying_party_id("www.sonlam.gov.vn") == "sonlam.gov.vn"
    assert relying_party_id("other.example:8000") == "other.example"
