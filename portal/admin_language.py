"""The admin's own language: a staff member switches /admin/ between Vietnamese and English.

The public site takes its language from the URL (Vietnamese at /, English under /en/,
portal/urls.py); the admin has no language prefix, so LocaleMiddleware always gives it
the default, Vietnamese. The choice made with the switch in the admin header
(templates/admin/language_switch.html) is kept in a cookie whose path is /admin/: a
browser sends it to the admin only, and AdminLanguageMiddleware reads it for /admin/
paths only, so public pages — and the page cache keyed on their URL — never depend on it.
Admin pages are never cached (the admin's views are `never_cache`, the page cache skips
/admin/), and they say `Vary: Cookie` for any cache in between.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

ADMIN_PATH = "/admin/"
COOKIE_NAME = "admin_language"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PATH)


def admin_languages() -> dict[str, str]:
    return dict(settings.LANGUAGES)


def chosen_language(request: HttpRequest) -> str | None:
    """The language this staff member chose for the admin, None if none (or an unknown one)."""
    code = request.COOKIES.get(COOKIE_NAME, "")
    return code if code in admin_languages() else None


def safe_admin_url(request: HttpRequest, url: str) -> str:
    """`url` if it leads back into this host's admin, else the admin's home page."""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    # As the browser will resolve it: "/admin/../" leaves the admin.
    path = posixpath.normpath(unquote(urlsplit(url).path))
    if allowed and is_admin_path(path + "/"):
        return url
    return reverse("admin:index")


def remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        COOKIE_NAME,
        language,
        max_age=COOKIE_MAX_AGE,
        path=ADMIN_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@never_cache
@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """The header's switch: keep the chosen language and go back to the page it was on."""
    response = HttpResponseRedirect(safe_admin_url(request, request.POST.get("next", "")))
    language = request.POST.get("language", "")
    if language in admin_languages():
        remember_language(response, language)
    return response


class AdminLanguageMiddleware:
    """After LocaleMiddleware: on /admin/ paths, the language the staff member chose."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_admin_path(request.path_info):
            return self.get_response(request)
        language = chosen_language(request)
        if language is not None:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        return response
