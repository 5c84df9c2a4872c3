"""Page-cache hooks of the public API (portal/page_cache.py).

Anonymous GETs of /api/v1/ are answered from the whole-response cache like the pages, and
invalidated by the same declarations (<app>/caching.py): every endpoint shows rows of
models the pages show. A list with ``scope=subtree`` on a site shows the rows of the sites
below it, which a declaration reaches when its scope includes the ancestors of the row's
site (LINEAGE, FAMILY or ALL; tests/api/test_page_cache.py holds every model the API reads
to that). A stored answer is served only after the API gate has counted the request
against the client's rate limit and accepted its Accept and parameters, exactly as
without the cache."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from . import gate


def guard_cached_answer(request: HttpRequest) -> HttpResponse | None:
    """Asked before a stored answer is served: the gate's refusal, or None to serve it."""
    if not gate.is_api_path(request.path):
        return None
    refused = gate.refuse(request)
    return None if refused is None else gate.finish(request, refused)
