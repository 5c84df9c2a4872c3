"""Security keys and passkeys (WebAuthn) as a staff second factor, through
django-otp-webauthn: a credential is a django-otp device like the authenticator app.

- Relying party: the host the admin is used on, or the province's hostname suffix
  (HOSTNAME_SUFFIXES) when the host is under it, so one key works on every site of
  the province. The origin checked is the request's own (scheme and host).
- Passwordless sign-in is off: a key is only the second step after the password.
- The ceremony's JSON endpoints live under /admin/khoa-bao-mat/ (accounts/webauthn_urls.py);
  a successful assertion starts a new session key, as the code step does; an assertion
  made with another account's key is refused by the library (CredentialUserMismatch), and
  every refused assertion counts towards the django-axes lock-out.
- The first key of a staff member is audited like the app's enrolment, and recovery codes
  are then shown once (accounts/views.py).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from portal.client_address import client_address

from .audit import record_security_event


def relying_party_id(host: str) -> str:
    """The WebAuthn RP ID for a request host (no port, lower case)."""
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    name = name.lower().rstrip(".")
    for suffix in settings.HOSTNAME_SUFFIXES:
        suffix = suffix.lower().strip(".")
        if suffix and name.endswith("." + suffix):
            return suffix
    return name


def rp_id_for_request(request: HttpRequest) -> str:
    return relying_party_id(request.get_host())


class PortalWebAuthnHelper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        return [f"{self.request.scheme}://{self.request.get_host()}"]


def keys_of(user) -> list[WebAuthnCredential]:
    return list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk"))


def remove_key(user, key_id: str, *, remote_addr: str | None = None) -> str:
    """Remove one of the user's own keys; its name, or "" when it is not theirs."""
    if not str(key_id).isdigit():
        return ""
    key = WebAuthnCredential.objects.filter(user=user, pk=int(key_id)).first()
    if key is None:
        return ""
    name = key.name or str(key.pk)
    key.delete()
    record_security_event(
        "second_factor_removed",
        obj=user,
        actor=user,
        remote_addr=remote_addr,
        detail={"kind": "webauthn", "name": name},
    )
    return name


def has_key(user) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


class CompleteRegistration(CompleteCredentialRegistrationView):
    """The library's view; the new key is in the audit trail."""

    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            request: HttpRequest = self.request
            record_security_event(
                "second_factor_enrolled",
                obj=request.user,
                actor=request.user,
                remote_addr=client_address(request),
                detail={"kind": "webauthn"},
            )
        return response


class CompleteAuthentication(CompleteCredentialAuthenticationView):
    """The library's view; a new session key once the second step is done, and a refused
    key counts towards the sign-in lock-out like a wrong code (the session ends when it
    locks)."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code < 400 or not request.user.is_authenticated:
            return response
        username = request.user.get_username()
        user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
        if getattr(request, "axes_locked_out", False):
            logout(request)
            # The lock is recorded; the script gets JSON it can show, not axes' HTML page.
            request.axes_locked_out = False
            detail = _("Đã sai nhiều lần nên tài khoản tạm bị khóa. Hãy tải lại trang.")
            return JsonResponse({"detail": detail, "code": "locked_out"}, status=429)
        return response

    def complete_auth(self, device) -> None:
        super().complete_auth(device)
        self.request.session.cycle_key()
