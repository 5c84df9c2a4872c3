"""Branded error pages. They render from the request's tenant (or none) and never query
beyond the cached site data, so that an error page cannot itself fail."""

import sys

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from .outage import is_database_outage, service_unavailable


def _render(request: HttpRequest, template: str, status: int, full: bool = True) -> HttpResponse:
    tenant = getattr(request, "tenant", None)
    if full and tenant is not None:
        try:
            body = loader.render_to_string(template, {"status": status}, request)
        except Exception:  # noqa: BLE001 - fall back to the plain page
            body = None
        if body is not None:
            return HttpResponse(body, status=status)
    body = loader.render_to_string(
        "errors/plain.html", {"status": status, "tenant": tenant, "request": request}
    )
    return HttpResponse(body, status=status)


def bad_request_page(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "errors/400.html", 400)


def unknown_host_page(request: HttpRequest) -> HttpResponse:
    return _render(request, "errors/plain.html", 404, full=False)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "errors/403.html", 403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "errors/404.html", 404)


def gone_page(request: HttpRequest) -> HttpResponse:
    """410: the URL was published once and its item removed for good (tenants/redirects.py)."""
    return _render(request, "errors/410.html", 410)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Called inside the `except` that caught the error: a lost database is an outage
    # (503 with Retry-After), not a fault of the page.
    if is_database_outage(sys.exc_info()[1]):
        return service_unavailable(request)
    # No context processors: the database or cache may be what failed.
    return _render(request, "errors/plain.html", 500, full=False)
