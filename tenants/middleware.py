"""Attach the tenant to every request; refuse unknown or inactive hosts with a 404.

Only when nothing answers (an unknown host, or a 404 from the view) is the redirect
table consulted: a URL a site once published answers 301 to where its item went, or
410 if it was removed. A normal request never queries that table.
"""

from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponsePermanentRedirect

from portal import request_cache
from portal.errors import bad_request_page, gone_page, unknown_host_page

from .models_redirects import UrlRedirect
from .redirects import find_redirect
from .resolution import host_without_port, port_suffix, resolve_host

# Paths whose answers are not pages with the site's header and footer: nothing to prefetch.
NO_SHELL = ("/admin/", "/api/")


class TenantMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.tenant = None
        try:
            host = request.get_host()
        except DisallowedHost:
            return bad_request_page(request)
        hostname = host_without_port(host)
        resolution = resolve_host(hostname)
        if resolution is None:
            return redirect_from_table(request, hostname, host) or unknown_host_page(request)
        if resolution.redirect_host:
            return HttpResponsePermanentRedirect(
                f"{request.scheme}://{resolution.redirect_host}{port_suffix(host)}"
                f"{request.get_full_path()}"
            )
        request.tenant = resolution.tenant
        if request.method in ("GET", "HEAD") and not request.path.startswith(NO_SHELL):
            request_cache.prefetch(request.tenant)  # what every public page reads
        response = self.get_response(request)
        if response.status_code == 404 and request.method in ("GET", "HEAD"):
            return redirect_from_table(request, hostname, host) or response
        return response


def redirect_from_table(request, hostname: str, host: str) -> HttpResponse | None:
    """301 to the new URL (absolute, with the request's scheme and port) or 410, or None."""
    if request.method not in ("GET", "HEAD"):
        return None
    row = find_redirect(hostname, request.get_full_path())
    if row is None:
        return None
    if row.status == UrlRedirect.GONE:
        if request.tenant is None and row.tenant_id is not None:
            request.tenant = row.tenant  # brand the page with the site that owned the URL
        return gone_page(request)
    return HttpResponsePermanentRedirect(
        f"{request.scheme}://{row.target_host or hostname}{port_suffix(host)}{row.target_path}"
    )
