"""Citizen account pages: the account and "Câu hỏi của tôi", sign-in, the provider's
callback, sign-out and deleting the account."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import accounts, oidc

NEXT_KEY = "citizen_next"
LANGUAGE_KEY = "citizen_language"


def _safe_next(request: HttpRequest, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("citizens:account")


def _account_page(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    citizen = accounts.current_citizen(request)
    context = {
        "citizen": citizen,
        "items": accounts.my_items(citizen, request) if citizen else [],
        "provider_status": "" if citizen else oidc.provider_status(),
        "provider": oidc.provider_name(),
        "error": error,
    }
    return render(request, "citizens/account.html", context, status=status)


@never_cache
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    return _account_page(request)


@never_cache
@require_safe
def sign_in(request: HttpRequest) -> HttpResponse:
    request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next"))
    request.session[LANGUAGE_KEY] = translation.get_language()
    try:
        return oidc.start(request, request.build_absolute_uri(reverse("citizen_callback")))
    except oidc.SignInError as exc:
        return _account_page(request, error=str(exc), status=503)


@never_cache
@require_safe
def callback(request: HttpRequest) -> HttpResponse:
    """The one redirect URI registered with the provider (no language prefix): the
    language the citizen started in is restored from the session."""
    language = request.session.get(LANGUAGE_KEY)
    if language in dict(translation.trans_real.get_languages()):
        translation.activate(language)
        request.LANGUAGE_CODE = language
    try:
        claims = oidc.finish(request)
    except oidc.SignInError as exc:
        context = {"error": str(exc), "provider": oidc.provider_name()}
        return render(request, "citizens/sign_in_error.html", context, status=400)
    target = request.session.pop(NEXT_KEY, None) or reverse("citizens:account")
    citizen = accounts.record_sign_in(claims)
    accounts.sign_in(request, citizen)
    messages.success(
        request,
        _("Đã đăng nhập bằng %(provider)s: %(name)s.")
        % {"provider": oidc.provider_name(), "name": citizen.name or citizen.subject},
    )
    return redirect(_safe_next(request, target))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    accounts.sign_out(request)
    messages.success(request, _("Bạn đã đăng xuất."))
    return redirect("citizens:account")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    citizen = accounts.current_citizen(request)
    if citizen is None:
        return redirect("citizens:account")
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Vui lòng đánh dấu xác nhận trước khi xóa tài khoản."))
            return render(request, "citizens/delete.html", {"citizen": citizen}, status=400)
        accounts.delete_account(citizen)
        accounts.sign_out(request)
        messages.success(
            request,
            _(
                "Đã xóa tài khoản và thông tin cá nhân của bạn. Câu hỏi, góp ý đã gửi vẫn "
                "được giữ nhưng không còn họ tên, thư điện tử và số điện thoại."
            ),
        )
        return redirect("citizens:account")
    return render(request, "citizens/delete.html", {"citizen": citizen})
