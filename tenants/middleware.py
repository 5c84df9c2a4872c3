"""Attach the tenant to every request; refuse unknown or inactive hosts with a 404."""

from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect

from portal.errors import bad_request_page, unknown_host_page

from .resolution import host_without_port, port_suffix, resolve_host

HEALTH_PATH = "/healthz"


def health_check() -> HttpResponse:
    """For load balancers and container health checks: answers on any host."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


class TenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.tenant = None
        if request.path == HEALTH_PATH:
            return health_check()
        try:
            host = request.get_host()
        except DisallowedHost:
            return bad_request_page(request)
        resolution = resolve_host(host_without_port(host))
        if resolution is None:
            return unknown_host_page(request)
        if resolution.redirect_host:
            return HttpResponsePermanentRedirect(
                f"{request.scheme}://{resolution.redirect_host}{port_suffix(host)}"
                f"{request.get_full_path()}"
            )
        request.tenant = resolution.tenant
        return self.get_response(request)
