"""Health endpoints on any host, before the site is resolved; outages answered as such."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from portal.files import StorageFullError, storage_full_page
from portal.outage import is_database_outage, service_unavailable

from . import health

PATHS = {"/healthz": health.liveness, "/readyz": health.readiness}


class ContinuityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        endpoint = PATHS.get(request.path)
        if endpoint is not None:
            return endpoint()
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if is_database_outage(exception):
            return service_unavailable(request)
        if isinstance(exception, StorageFullError):
            return storage_full_page(request)
        return None
