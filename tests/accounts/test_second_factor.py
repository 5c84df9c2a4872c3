"""Two-factor admin sign-in: enrolment on first sign-in, code after the password, wrong and
replayed codes, one-time recovery codes, lock-out, and resets scoped to one's own site."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.audit import security_events
from tenants.models import Role
from tests.tenants.factories import MembershipFactory, UserFactory

LOGIN = "/admin/login/"
SECOND_STEP = "/admin/xac-thuc-hai-buoc/"
PASSWORD = "pass-Word-2026"


def _browser(address="203.0.113.7"):
    return Client(HTTP_HOST="portal.test", REMOTE_ADDR=address)


def _sign_in_with_password(client, user):
    return client.post(LOGIN, {"username": user.username, "password": PASSWORD, "next": "/admin/"})


def _current_code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = timezone.now().timestamp() + steps_ahead * device.step
    return f"{totp.token():06d}"


def _wait_out_throttle(user) -> None:
    """django-otp slows a factor down for 1, 2, 4… s after failures: let that time pass."""
    past = timezone.now() - timedelta(hours=1)
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=past)


def _enrol(client, user) -> tuple[TOTPDevice, list[str]]:
    assert _sign_in_with_password(client, user).status_code == 302
    page = client.get(SECOND_STEP + "?next=/admin/")
    assert "Thiết lập xác thực hai bước" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(SECOND_STEP, {"code": _current_code(device), "next": "/admin/"})
    assert done.status_code == 200
    return TOTPDevice.objects.get(user=user, confirmed=True), done.context["codes"]


@pytest.fixture
def department_editor(department):
    return MembershipFactory(tenant=department, role=Role.EDITOR).user


@pytest.mark.parametrize("role", [*Role.values, "superuser"])
def test_every_role_is_sent_to_the_second_factor_after_the_password(province, role):
    if role == "superuser":
        user = UserFactory(is_superuser=True)
    else:
        user = MembershipFactory(tenant=province, role=role).user
    client = _browser()
    response = _sign_in_with_password(client, user)
    assert response.status_code == 302
    assert response["Location"] == SECOND_STEP + "?next=%2Fadmin%2F"
    index = client.get("/admin/")
    assert index.status_code == 302 and index["Location"].startswith(LOGIN)
    assert client.get(index["Location"])["Location"].startswith(SECOND_STEP)


def test_the_province_can_require_the_factor_of_site_administrators_only(
    province, settings, commune_editor, commune_site_admin
):
    settings.SECOND_FACTOR_ROLES = ["site_admin"]
    editor = _browser()
    assert _sign_in_with_password(editor, commune_editor)["Location"] == "/admin/"
    assert editor.get("/admin/").status_code == 200
    admin = _browser("203.0.113.8")
    assert _sign_in_with_password(admin, commune_site_admin)["Location"].startswith(SECOND_STEP)


def test_first_sign_in_enrols_an_app_with_qr_code_secret_and_ten_recovery_codes(
    province, department_editor
):
    client = _browser()
    _sign_in_with_password(client, department_editor)
    page = client.get(SECOND_STEP).content.decode()
    assert "<svg" in page and "Mã QR để thêm tài khoản vào ứng dụng xác thực" in page
    device = TOTPDevice.objects.get(user=department_editor, confirmed=False)
    from accounts.second_factor import secret_text

    assert secret_text(device) in page
    wrong = client.post(SECOND_STEP, {"code": "000000"})
    assert "Mã không đúng" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    _wait_out_throttle(department_editor)
    done = client.post(SECOND_STEP, {"code": _current_code(device), "next": "/admin/"})
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in done.content.decode() for code in codes)
    assert client.get("/admin/").status_code == 200
    assert security_events("second_factor_enrolled").filter(actor=department_editor).exists()
    # Shown once: the page now passes straight on.
    assert client.get(SECOND_STEP)["Location"] == "/admin/"


def test_a_wrong_code_is_refused_and_a_right_one_lets_in(province, department_editor):
    device, _codes = _enrol(_browser(), department_editor)
    client = _browser()
    _sign_in_with_password(client, department_editor)
    wrong = client.post(SECOND_STEP, {"code": "123456"})
    assert wrong.status_code == 200
    assert "Mã xác thực không đúng hoặc đã được dùng." in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    _wait_out_throttle(department_editor)
    right = client.post(SECOND_STEP, {"code": _current_code(device, 1), "next": "/admin/"})
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_cannot_be_used_twice(province, department_editor):
    device, _codes = _enrol(_browser(), department_editor)
    code = _current_code(device, 1)
    first = _browser()
    _sign_in_with_password(first, department_editor)
    assert first.post(SECOND_STEP, {"code": code})["Location"] == "/admin/"
    second = _browser("203.0.113.9")
    _sign_in_with_password(second, department_editor)
    replay = second.post(SECOND_STEP, {"code": code})
    assert replay.status_code == 200
    assert "đã được dùng" in replay.content.decode()
    assert second.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(province, department_editor):
    _device, codes = _enrol(_browser(), department_editor)
    first = _browser()
    _sign_in_with_password(first, department_editor)
    assert first.post(SECOND_STEP, {"code": codes[0].upper()})["Location"] == "/admin/"
    assert first.get("/admin/").status_code == 200
    second = _browser("203.0.113.9")
    _sign_in_with_password(second, department_editor)
    assert second.post(SECOND_STEP, {"code": codes[0]}).status_code == 200
    assert second.get("/admin/").status_code == 302
    assert StaticDevice.objects.get(user=department_editor).token_set.count() == 9


def test_wrong_codes_count_towards_the_sign_in_lock_out(province, department_editor):
    _enrol(_browser(), department_editor)
    client = _browser()
    _sign_in_with_password(client, department_editor)
    statuses = [client.post(SECOND_STEP, {"code": "000000"}).status_code for _ in range(5)]
    assert statuses[:4] == [200] * 4 and statuses[4] == 429
    assert "_auth_user_id" not in client.session
    assert _sign_in_with_password(_browser("198.51.100.3"), department_editor).status_code == 429


def test_the_password_lock_out_still_applies_before_the_code(province, department_editor):
    client = _browser()
    for _ in range(5):
        client.post(LOGIN, {"username": department_editor.username, "password": "wrong"})
    assert _sign_in_with_password(client, department_editor).status_code == 429
    assert "_auth_user_id" not in client.session


def test_site_admin_resets_the_factors_of_their_own_members_only(
    province,
    commune,
    commune_editor,
    commune_site_admin,
    other_commune_editor,
    site_client,
):
    both_sites = MembershipFactory(tenant=province, role=Role.EDITOR).user
    MembershipFactory(tenant=commune, role=Role.EDITOR, user=both_sites)
    for user in (commune_editor, other_commune_editor, both_sites):
        _enrol(_browser(f"203.0.113.{user.pk % 200}"), user)
    admin_client = site_client(commune, commune_site_admin)
    users = (commune_editor, other_commune_editor, both_sites)
    memberships = [m.pk for u in users for m in u.memberships.all()]
    response = admin_client.post(
        reverse("admin:tenants_membership_changelist"),
        {"action": "reset_second_factor", "_selected_action": memberships},
        follow=True,
    )
    assert "Đã đặt lại xác thực hai bước của 1 tài khoản" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=commune_editor).exists()
    assert not StaticDevice.objects.filter(user=commune_editor).exists()
    assert TOTPDevice.objects.filter(user=other_commune_editor, confirmed=True).exists()
    assert TOTPDevice.objects.filter(user=both_sites, confirmed=True).exists()
    entry = security_events("second_factor_reset").get()
    assert entry.actor == commune_site_admin and entry.object_pk == str(commune_editor.pk)
    # The member enrols again at the next sign-in.
    client = _browser("192.0.2.4")
    _sign_in_with_password(client, commune_editor)
    assert "Thiết lập xác thực hai bước" in client.get(SECOND_STEP).content.decode()


def test_the_editorial_board_resets_any_member(
    province, other_commune_editor, board_member, site_client
):
    _enrol(_browser(), other_commune_editor)
    admin_client = site_client(province, board_member)
    admin_client.post(
        reverse("admin:tenants_membership_changelist"),
        {
            "action": "reset_second_factor",
            "_selected_action": list(other_commune_editor.memberships.values_list("pk", flat=True)),
        },
    )
    assert not TOTPDevice.objects.filter(user=other_commune_editor).exists()


def test_the_device_admin_pages_that_show_secrets_are_not_offered(province, superuser, client):
    client.defaults["HTTP_HOST"] = "portal.test"
    client.force_login(superuser)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
