"""Page views are counted here, in the request path (compliance/visits.py): every HTML
page a site answers a person with — error pages included, redirects, feeds, files and
JSON not — whether or not its template shows the footer's visit counter.

Placed right after the tenant middleware, outside any response cache, so a page served
from a cache is counted too."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import visits


class VisitCounterMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if visits.is_page(response) and visits.will_count(request):
            visits.count_view(request)
        return response
