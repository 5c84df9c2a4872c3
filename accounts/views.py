"""The admin sign-in's second step: enrol an authenticator app on first sign-in (QR code,
secret, confirming code, recovery codes shown once), or enter a code after the password."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login

from portal.client_address import client_address

from . import second_factor, webauthn


class CodeForm(forms.Form):
    """Rendered by accounts/code_field.html (one-time-code autocomplete, error linked)."""

    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=32,
        help_text=gettext_lazy(
            "6 chữ số từ ứng dụng xác thực, hoặc một mã khôi phục nếu bạn không có điện thoại."
        ),
    )


class EnrolForm(CodeForm):
    code = forms.CharField(
        label=gettext_lazy("Mã 6 chữ số từ ứng dụng"),
        max_length=16,
        help_text=gettext_lazy("Ứng dụng đổi mã sau mỗi 30 giây."),
    )


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _context(request: HttpRequest, **extra) -> dict:
    return {
        **admin.site.each_context(request),
        "next": _next_url(request),
        "username": request.user.get_username(),
        **extra,
    }


@never_cache
@csrf_protect
def second_factor_view(request: HttpRequest) -> HttpResponse:
    """The step after the password: enrolment when the user has no factor yet."""
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return HttpResponseRedirect(reverse("admin:login"))
    if second_factor.is_satisfied(user):
        if user.is_verified() and second_factor.needs_recovery_codes(user):
            codes = second_factor.new_recovery_codes(user)
            context = _context(request, codes=codes, title=_("Mã khôi phục"))
            return render(request, "accounts/recovery_codes.html", context)
        return HttpResponseRedirect(_next_url(request))
    if not second_factor.has_confirmed_factor(user):
        return _enrol(request)
    return _verify(request)


def _verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        was_throttled = second_factor.throttled(user)
        device = second_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            return HttpResponseRedirect(_next_url(request))
        if was_throttled:
            form.add_error("code", _("Đã nhập sai nhiều lần. Hãy chờ vài giây rồi thử lại."))
        else:
            form.add_error("code", _("Mã xác thực không đúng hoặc đã được dùng."))
        locked = _count_failure(request)
        if locked is not None:
            return locked
    context = _context(
        request, form=form, title=_("Xác thực hai bước"), has_passkey=webauthn.has_key(user)
    )
    return render(request, "accounts/second_factor_verify.html", context)


def _count_failure(request: HttpRequest) -> HttpResponse | None:
    """A wrong code counts towards the same sign-in lock-out as a wrong password
    (django-axes listens to user_login_failed); once locked, the session ends."""
    username = request.user.get_username()
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
    if getattr(request, "axes_locked_out", False):
        from .lockout import lockout_response

        logout(request)
        return lockout_response(request, credentials={"username": username})
    return None


def _enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    device = second_factor.pending_app_device(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = second_factor.confirm_enrolment(
            device, form.cleaned_data["code"], remote_addr=client_address(request)
        )
        if confirmed is not None:
            device, codes = confirmed
            otp_login(request, device)
            request.session.cycle_key()
            context = _context(request, codes=codes, title=_("Mã khôi phục"))
            return render(request, "accounts/recovery_codes.html", context)
        form.add_error("code", _("Mã không đúng. Hãy nhập mã đang hiện trong ứng dụng."))
        locked = _count_failure(request)
        if locked is not None:
            return locked
    qr = second_factor.qr_svg(device, title=_("Mã QR để thêm tài khoản vào ứng dụng xác thực"))
    context = _context(
        request,
        form=form,
        qr_svg=qr,
        secret=second_factor.secret_text(device),
        title=_("Thiết lập xác thực hai bước"),
        passkey_heading=_("Hoặc đăng ký khóa bảo mật thay cho ứng dụng"),
        passkey_continue=_second_step_url(request),
    )
    return render(request, "accounts/second_factor_enrol.html", context)


def _second_step_url(request: HttpRequest) -> str:
    return reverse("admin:second_factor") + "?" + urlencode({"next": _next_url(request)})


@never_cache
def passkeys_view(request: HttpRequest) -> HttpResponse:
    """A signed-in staff member's security keys, adding one and removing one of their own
    (behind admin_view: the session has passed both steps)."""
    if request.method == "POST":
        removed = webauthn.remove_key(
            request.user, request.POST.get("remove", ""), remote_addr=client_address(request)
        )
        if removed:
            messages.success(request, _("Đã xóa khóa bảo mật “%(name)s”.") % {"name": removed})
        else:
            messages.error(request, _("Không tìm thấy khóa bảo mật này trong tài khoản của bạn."))
        return HttpResponseRedirect(reverse("admin:passkeys"))
    context = {
        **admin.site.each_context(request),
        "title": _("Khóa bảo mật (passkey)"),
        "keys": webauthn.keys_of(request.user),
        "passkey_heading": _("Thêm khóa bảo mật"),
        "passkey_continue": reverse("admin:passkeys"),
    }
    return render(request, "accounts/passkeys.html", context)
