"""Staff second factor (django-otp): who must have one, enrolment of an authenticator app
with one-time recovery codes, checking a code, and resetting a member's factors."""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from tenants.access import ADMIN_ROLES, PUBLISHING_ROLES, tenant_ids_for

from .audit import record_security_event

if TYPE_CHECKING:
    from django.contrib.auth.models import User

APP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


def requires_second_factor(user) -> bool:
    """SECOND_FACTOR_ROLES: "*" = everyone with admin access; else superusers and the
    holders of one of the listed roles; empty = nobody."""
    roles = settings.SECOND_FACTOR_ROLES
    if not roles or not user.is_authenticated or not user.is_staff:
        return False
    if "*" in roles or user.is_superuser:
        return True
    return user.memberships.filter(role__in=roles).exists()


def is_satisfied(user) -> bool:
    """True when the user may use the admin as far as the second factor is concerned."""
    if not requires_second_factor(user):
        return True
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def has_confirmed_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_app_device(user) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled (one per user, kept across reloads so
    the QR code a user has scanned stays valid until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, grouped by four, for typing into an app by hand."""
    from base64 import b32encode

    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device: TOTPDevice, *, title: str) -> str:
    """The otpauth:// URL as an inline SVG (no image request, no third party)."""
    out = BytesIO()
    segno.make(device.config_url, error="m").save(
        out, kind="svg", scale=5, border=2, xmldecl=False, title=title, svgclass="otp-qr"
    )
    return out.getvalue().decode()


def confirm_enrolment(device: TOTPDevice, token: str, *, remote_addr: str | None = None):
    """Confirm the app with a code it shows; returns the fresh recovery codes, or None when
    the code is wrong. Older factors of the user are replaced."""
    token = normalise(token)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed or not token.isdigit() or not device.verify_token(token):
            return None
        user = device.user
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(user)
        record_security_event(
            "second_factor_enrolled", obj=user, actor=user, remote_addr=remote_addr
        )
    return device, codes


def needs_recovery_codes(user) -> bool:
    """A staff member who enrolled with a security key first gets the recovery codes once
    their session is verified (accounts/webauthn.py)."""
    return (
        requires_second_factor(user)
        and WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
        and not StaticDevice.objects.filter(user=user).exists()
    )


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new one-time codes."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def normalise(token: str) -> str:
    return "".join((token or "").split()).lower()


def verify(user, token: str) -> Device | None:
    """The device that accepts this code (an app code, or a recovery code, used up once),
    or None. A code already used is refused (django-otp keeps the last time step), and
    each device slows down after failures (its throttling)."""
    token = normalise(token)
    if not token:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, TOTPDevice) and not token.isdigit():
                continue
            if device.verify_is_allowed()[0] and device.verify_token(token):
                return device
    return None


def throttled(user) -> bool:
    """True when every confirmed code factor is in its delay after failures."""
    devices = [
        device
        for device in devices_for_user(user, confirmed=True)
        if isinstance(device, TOTPDevice | StaticDevice)
    ]
    return bool(devices) and not any(d.verify_is_allowed()[0] for d in devices)


def may_reset(actor: User, user) -> bool:
    """A superuser or the editorial board for anyone but a superuser; a site administrator
    only for a member all of whose sites are sites the administrator manages."""
    if actor.is_superuser:
        return True
    if user.is_superuser or actor.pk == user.pk:
        return False
    if _is_board(actor):
        return True
    sites = set(user.memberships.values_list("tenant_id", flat=True))
    return bool(sites) and sites <= tenant_ids_for(actor, ADMIN_ROLES)


def _is_board(actor) -> bool:
    return actor.memberships.filter(
        include_descendants=True, tenant__parent__isnull=True, role__in=PUBLISHING_ROLES
    ).exists()


def reset(user, *, by: User, remote_addr: str | None = None) -> int:
    """Remove every factor of `user` (they enrol again at their next sign-in); audited."""
    with transaction.atomic():
        removed = 0
        for model in (TOTPDevice, StaticDevice, WebAuthnCredential):
            removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
        record_security_event(
            "second_factor_reset",
            obj=user,
            actor=by,
            remote_addr=remote_addr,
            detail={"username": user.get_username(), "devices_removed": removed},
        )
    return removed
