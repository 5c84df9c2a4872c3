"""Sign-in throttling: lock per account and per address, a clear page, audit, unlock."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.audit import security_events
from tenants.models import Role
from tests.tenants.factories import MembershipFactory

LOGIN = "/admin/login/"
PASSWORD = "pass-Word-2026"


@pytest.fixture
def department_editor(department):
    return MembershipFactory(tenant=department, role=Role.EDITOR).user


def _sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_thirty_wrong_passwords_lock_the_account_and_the_31st_right_one_is_refused(
    department_editor,
):
    client = Client(HTTP_HOST="portal.test", REMOTE_ADDR="203.0.113.5")
    codes = [_sign_in(client, department_editor.username, "wrong").status_code for _ in range(30)]
    assert codes[:4] == [200] * 4
    assert set(codes[4:]) == {429}
    right = _sign_in(client, department_editor.username, PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    page = right.content.decode()
    assert "Tạm khóa đăng nhập" in page and "thử lại sau 30 phút" in page
    assert security_events("login_locked_out").filter(object_pk=str(department_editor.pk)).exists()


def test_the_lock_holds_from_another_address_and_for_another_account_from_this_one(
    department_editor, commune_editor
):
    attacker = Client(HTTP_HOST="portal.test", REMOTE_ADDR="203.0.113.5")
    for _ in range(5):
        _sign_in(attacker, department_editor.username, "wrong")
    elsewhere = Client(HTTP_HOST="portal.test", REMOTE_ADDR="198.51.100.9")
    assert _sign_in(elsewhere, department_editor.username, PASSWORD).status_code == 429
    assert _sign_in(attacker, commune_editor.username, PASSWORD).status_code == 429
    bystander = Client(HTTP_HOST="portal.test", REMOTE_ADDR="198.51.100.10")
    assert _sign_in(bystander, commune_editor.username, PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_without_a_proxy_does_not_reset_the_count(
    department_editor,
):
    codes = []
    for n in range(6):
        client = Client(
            HTTP_HOST="portal.test", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        )
        codes.append(_sign_in(client, "nobody-" + str(n), "wrong").status_code)
    assert codes[-1] == 429  # five failures from one socket address lock it


def test_site_admin_unlocks_a_member_of_their_site_only(
    commune, commune_editor, commune_site_admin, other_commune, other_commune_editor, site_client
):
    for user in (commune_editor, other_commune_editor):
        attacker = Client(HTTP_HOST="portal.test", REMOTE_ADDR=f"203.0.113.{user.pk % 200}")
        for _ in range(5):
            _sign_in(attacker, user.username, "wrong")
    admin_client = site_client(commune, commune_site_admin)
    changelist = reverse("admin:tenants_membership_changelist")
    memberships = [
        m.pk for u in (commune_editor, other_commune_editor) for m in u.memberships.all()
    ]
    admin_client.post(changelist, {"action": "unlock_sign_in", "_selected_action": memberships})
    fresh = Client(HTTP_HOST="portal.test", REMOTE_ADDR="192.0.2.1")
    assert _sign_in(fresh, commune_editor.username, PASSWORD).status_code == 302
    assert _sign_in(fresh, other_commune_editor.username, PASSWORD).status_code == 429
    assert security_events("login_unlocked").filter(actor=commune_site_admin).count() == 1
