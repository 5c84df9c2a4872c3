"""Staff sessions end after STAFF_IDLE_TIMEOUT_MINUTES without a request (the clock is the
time stamp kept in the session, moved back here instead of mocking time), and when the
password changes; the session cookie is Secure when SECURE_COOKIES is set."""

import os
import subprocess
import sys
import time

from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from accounts.idle import LAST_SEEN_KEY, expired_message

ADMIN = "/admin/"
LOGIN = "/admin/login/"
PASSWORD = "pass-Word-2026"
EXPIRED = "Phiên làm việc đã hết hạn do không hoạt động quá 30 phút"


def _signed_in(user, **headers) -> Client:
    client = Client(HTTP_HOST="portal.test", **headers)
    client.force_login(user)
    assert client.get(ADMIN).status_code == 200
    return client


def _idle_for(client: Client, minutes: float) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time() - minutes * 60)
    session.save()


def _is_signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_an_idle_staff_session_is_signed_out_with_a_message(province, commune_editor):
    client = _signed_in(commune_editor)
    _idle_for(client, 31)
    response = client.get("/admin/documents/document/?q=x")
    assert response.status_code == 302
    assert response["Location"] == LOGIN + "?next=%2Fadmin%2Fdocuments%2Fdocument%2F%3Fq%3Dx"
    assert not _is_signed_in(client)
    login_page = client.get(response["Location"])
    assert login_page.status_code == 200
    assert EXPIRED in login_page.content.decode()
    # Signed out for good: the next admin page asks for the password, without the message.
    again = client.get(ADMIN)
    assert again.status_code == 302 and again["Location"].startswith(LOGIN)
    assert EXPIRED not in client.get(again["Location"]).content.decode()


def test_a_session_used_within_the_limit_stays_and_its_clock_restarts(province, commune_editor):
    client = _signed_in(commune_editor)
    _idle_for(client, 29)
    assert client.get(ADMIN).status_code == 200
    assert time.time() - client.session[LAST_SEEN_KEY] < 60
    _idle_for(client, 29)
    assert client.get(ADMIN).status_code == 200


def test_a_post_after_the_idle_time_changes_nothing(province, commune_editor):
    client = _signed_in(commune_editor)
    _idle_for(client, 45)
    response = client.post("/admin/password_change/", {"old_password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == LOGIN
    assert not _is_signed_in(client)


def test_the_limit_is_a_setting(province, commune_editor, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 5
    client = _signed_in(commune_editor)
    _idle_for(client, 6)
    login_page = client.get(ADMIN, follow=True)
    assert "không hoạt động quá 5 phút" in login_page.content.decode()
    assert not _is_signed_in(client)


def test_zero_turns_the_timeout_off(province, commune_editor, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 0
    client = _signed_in(commune_editor)
    _idle_for(client, 24 * 60)
    assert client.get(ADMIN).status_code == 200


def test_the_message_has_an_english_translation():
    # The admin answers in Vietnamese (unprefixed URLs); the English catalogue is kept
    # for an English admin and checked here.
    with translation.override("en"):
        assert expired_message() == (
            "Your session has expired after 30 minutes without activity. Please sign in again."
        )


def test_an_idle_staff_member_on_a_public_page_is_signed_out_and_served(province, commune_editor):
    client = _signed_in(commune_editor)
    _idle_for(client, 31)
    assert client.get("/").status_code == 200
    assert not _is_signed_in(client)


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(province, commune_editor):
    office = _signed_in(commune_editor)
    laptop = _signed_in(commune_editor)
    changed = office.post(
        "/admin/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-Pass-2027",
            "new_password2": "another-Pass-2027",
        },
    )
    assert changed.status_code == 302, changed.content.decode()[:500]
    assert office.get(ADMIN).status_code == 200  # update_session_auth_hash
    stale = laptop.get(ADMIN)
    assert stale.status_code == 302 and stale["Location"].startswith(LOGIN)
    assert not _is_signed_in(laptop)


def test_a_password_set_by_an_administrator_ends_the_members_sessions(province, commune_editor):
    member = _signed_in(commune_editor)
    commune_editor.set_password("set-by-Admin-2027")
    commune_editor.save()
    response = member.get(ADMIN)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_session_cookie_is_secure_when_secure_cookies_is_set():
    code = "import portal.settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    env = {**os.environ, "SECURE_COOKIES": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["True", "True"]
    env["SECURE_COOKIES"] = "0"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]


def test_the_sign_in_cookie_carries_the_secure_flag(province, commune_editor, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.SECOND_FACTOR_ROLES = []
    client = Client(HTTP_HOST="portal.test")
    response = client.post(LOGIN, {"username": commune_editor.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[django_settings.SESSION_COOKIE_NAME]["secure"] is True
