"""Whole-response cache for anonymous GETs, answered before the site is resolved.

A warm hit costs one Redis round trip (one MGET on a module-level redis-py client: the
entry and the version counters it was stored under) and runs no view, template or
query. The key is the host, the path (which carries the language: /en/…) and the query
string; the entry records the versions it was rendered under — the tenant tree's
(tenants/resolution.py), its site's page version and the all-sites page version, both
bumped by the declarations of portal/cache_dependencies.py — and is served only while
they are unchanged. PAGE_CACHE_SECONDS bounds what no event announces (visit counts in
the footer, the day a document's status changes); an entry never outlives the next
moment its site's pages change by themselves, which apps announce with
``<app>/caching.py`` ``next_change(tenant) -> datetime | None`` (a planned-downtime
banner appears at its publication and goes at its end, to the millisecond). A page whose
rendering straddled such a moment is not stored.

Never stored: signed-in or session-carrying visitors (any session or messages cookie
skips the cache both ways), non-GET requests, answers other than 200, answers that set
a cookie or used a CSRF token (a form with a token is per visitor), or say
private/no-store (Django's `never_cache`), and paths of PAGE_CACHE_SKIP_PREFIXES.
Redis down: the page is rendered as without the cache (circuit breaker of portal/cache).
"""

from __future__ import annotations

import hashlib
import pickle
import time
from functools import cache as memoize

import redis
from django.conf import settings
from django.core.cache import cache as django_cache
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from .cache import DEFAULT_OPTIONS, FAILURES, breaker_for

SITE_VERSION = "pc:v:site:{}"
ALL_VERSION = "pc:v:all"
CHANGED_AT = "pc:changed-at"
_HOSTS_MAX = 20_000
# Host → site id, learnt from stored entries: lets a hit fetch the site's version in the
# same round trip. A stale mapping only costs a miss (the tree version is in the entry).
_site_of_host: dict[str, int] = {}
# Sent for every page served from the cache (request, site_id, path): the visit counter
# (compliance/visit_batch.py) counts these, the view path counts the others.
page_served_from_cache = Signal()


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE_SECONDS", 0)) and bool(settings.REDIS_URL)


@memoize
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(
        url,
        socket_timeout=DEFAULT_OPTIONS["socket_timeout"],
        socket_connect_timeout=DEFAULT_OPTIONS["socket_connect_timeout"],
        health_check_interval=30,
    )


def client() -> redis.Redis:
    return _client(settings.REDIS_URL)


def _prefix() -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:"


def _raw(key: str) -> str:
    return _prefix() + key


@memoize
def _tree_key() -> str:
    from tenants.resolution import VERSION_KEY

    return django_cache.make_key(VERSION_KEY)


def entry_key(host: str, path: str, query: str) -> str:
    digest = hashlib.blake2b(f"{host}\0{path}\0{query}".encode(), digest_size=16).hexdigest()
    return _raw(f"pc:e:{digest}")


def _breaker():
    return breaker_for(settings.REDIS_URL)


def bump(site_ids=(), everywhere: bool = False) -> None:
    """New page versions: cached pages of these sites (or of all) are no longer served.
    With replicas, also the time of the last change (portal/replicas.py reads the
    primary until they have surely replayed it)."""
    from .replicas import replica_aliases

    stamp = bool(replica_aliases())
    if not settings.REDIS_URL or _breaker().is_open or not (enabled() or stamp):
        return
    keys = []
    if enabled():
        keys = (
            [_raw(ALL_VERSION)] if everywhere else [_raw(SITE_VERSION.format(i)) for i in site_ids]
        )
    if not keys and not stamp:
        return
    try:
        with client().pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.incr(key)
            if stamp:
                pipe.set(_raw(CHANGED_AT), repr(time.time()))
            pipe.execute()
    except FAILURES as error:
        _breaker().failed(error)


def last_change() -> float | None:
    """When the last change was announced (a UNIX time), None if unknown or Redis down."""
    if not settings.REDIS_URL or _breaker().is_open:
        return None
    try:
        value = client().get(_raw(CHANGED_AT))
    except FAILURES as error:
        _breaker().failed(error)
        return None
    return float(value) if value else None


def _fresh_counters(keys: list[str], values: tuple) -> tuple | None:
    """Start the missing counters from the clock (a counter lost to an eviction or a
    restart never returns to a value an old entry was stored under). Their new values, or
    None if a bump came first (the page may predate it: not stored)."""
    start = str(time.time_ns() // 1000).encode()
    missing = [key for key, value in zip(keys, values, strict=True) if value is None]
    with client().pipeline(transaction=False) as pipe:
        for key in missing:
            pipe.set(key, start, nx=True)
        created = pipe.execute()
    if not all(created):
        return None
    return tuple(start if value is None else value for value in values)


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET":
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META or len(request.META.get("QUERY_STRING", "")) > 512:
        return False
    return not request.path.startswith(tuple(settings.PAGE_CACHE_SKIP_PREFIXES))


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "tenant", None) is None:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    # `Vary: Cookie` alone is no reason: the request carried no session, so whatever read
    # the session saw an empty one (a CSRF token or a written session sets a cookie).
    control = response.get("Cache-Control", "").lower()
    if "private" in control or "no-store" in control:
        return False
    user = getattr(request, "user", None)  # set only if something asked for it
    return not (user is not None and getattr(user, "is_authenticated", False))


def _mark_private(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A page with a visitor's CSRF token or session is theirs alone: say so to the
    caches in front (deploy/nginx.conf, browsers' shared proxies)."""
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or (
        settings.SESSION_COOKIE_NAME in request.COOKIES
    ):
        patch_cache_control(response, private=True)
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not enabled() or _breaker().is_open:
            return _mark_private(request, self.get_response(request))
        if not _cacheable_request(request):
            response = _mark_private(request, self.get_response(request))
            if request.method == "GET":
                response["X-Page-Cache"] = "bypass"  # a session, a message, a private path
            return response
        try:
            host = request.get_host().lower()
        except Exception:  # noqa: BLE001 - DisallowedHost: the tenant middleware answers
            return self.get_response(request)
        key = entry_key(host, request.path, request.META.get("QUERY_STRING", ""))
        site_id = _site_of_host.get(host)
        version_keys = [_tree_key(), _raw(ALL_VERSION)]
        if site_id is not None:
            version_keys.append(_raw(SITE_VERSION.format(site_id)))
        try:
            raw_entry, *raw_versions = client().mget([key, *version_keys])
        except FAILURES as error:
            _breaker().failed(error)
            return self.get_response(request)
        versions = tuple(raw_versions)
        if raw_entry is not None:
            entry = pickle.loads(raw_entry)  # noqa: S301 - our own Redis, written below
            if entry["site"] == site_id and entry["versions"] == versions:
                for guard in _hit_guards():
                    refused = guard(request)
                    if refused is not None:
                        return refused
                return _serve(request, entry)
        started = time.time()
        response = _mark_private(request, self.get_response(request))
        response["X-Page-Cache"] = "miss"
        if _cacheable_response(request, response):
            try:
                _store(request, response, host, key, site_id, version_keys, versions, started)
            except FAILURES as error:
                _breaker().failed(error)
        return response


@memoize
def _hit_guards() -> tuple:
    """``<app>/caching.py`` ``guard_cached_answer(request) -> HttpResponse | None``: asked
    before a stored answer is served, e.g. the API's rate limit (api/caching.py); an
    answer it returns is sent instead."""
    from .hooks import hook_functions

    return tuple(hook_functions("caching", "guard_cached_answer"))


def _lifetime_ms(tenant, started: float) -> int:
    """Milliseconds the entry may live: PAGE_CACHE_SECONDS, or less if a change the apps
    announce comes first; 0 if one came while the page was rendered."""
    from .hooks import hook_functions

    lifetime = settings.PAGE_CACHE_SECONDS * 1000
    for next_change in hook_functions("caching", "next_change"):
        moment = next_change(tenant, after=started)
        if moment is not None:
            lifetime = min(lifetime, int((moment.timestamp() - time.time()) * 1000))
    return max(lifetime, 0)


def _store(request, response, host, key, site_id, version_keys, versions, started) -> None:
    tenant_id = request.tenant.pk
    if site_id != tenant_id:  # first page of this host in this process: learn its site
        if len(_site_of_host) >= _HOSTS_MAX:
            _site_of_host.clear()
        _site_of_host[host] = tenant_id
        return  # its version was not read before rendering: store next time
    lifetime = _lifetime_ms(request.tenant, started)
    if lifetime <= 0:
        return
    if None in versions:
        versions = _fresh_counters(version_keys, versions)
        if versions is None:
            return
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date()
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.blake2b(response.content, digest_size=12).hexdigest()}"'
    headers = [(k, v) for k, v in response.items() if k != "X-Page-Cache"]
    entry = {
        "site": tenant_id,
        "versions": versions,
        "headers": headers,
        "body": response.content,
        "etag": response["ETag"],
        "modified": parse_http_date_safe(response["Last-Modified"]),
        "path": request.path,
        # Only HTML pages count as visits (compliance/visits.py): not JSON, feeds, files.
        "page": response.get("Content-Type", "").startswith("text/html"),
    }
    client().set(key, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL), px=lifetime)


def _not_modified(request: HttpRequest, entry: dict) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        etags = parse_etags(if_none_match)
        bare = entry["etag"].removeprefix("W/")
        return "*" in etags or any(tag.removeprefix("W/") == bare for tag in etags)
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and entry["modified"] is not None and entry["modified"] <= since


def _serve(request: HttpRequest, entry: dict) -> HttpResponse:
    if entry.get("page", True):
        page_served_from_cache.send(
            PageCacheMiddleware, request=request, site_id=entry["site"], path=entry["path"]
        )
    if _not_modified(request, entry):
        response = HttpResponseNotModified()
        for name, value in entry["headers"]:
            if name in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Expires"):
                response[name] = value
    else:
        response = HttpResponse(entry["body"])
        for name, value in entry["headers"]:
            response[name] = value
    response["X-Page-Cache"] = "hit"
    return response
