"""Fetching a site's own pages over HTTP, with a timeout, for the reachability checks.

A site is fetched on its primary domain. `COMPLIANCE_FETCH_BASE` (setting or environment,
e.g. "http://127.0.0.1:8000") sends every request to one local server instead, with the
site's hostname in the Host header: that is how tests measure. The value "inprocess"
renders the pages through Django's test client in this process (the demo seed measures
so without a running server; response times are then the application's alone).
"""

from __future__ import annotations

import http.client
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import translation

from tenants.models import Domain, Tenant

MAX_BODY = 2 * 1024 * 1024
INPROCESS = "inprocess"
USER_AGENT = "GovPortalComplianceBot/1.0 (+measurement; Decree 224 Art. 12)"


@dataclass
class Fetched:
    url: str
    status: int | None
    elapsed_ms: int
    size: int
    content_type: str = ""
    error: str = ""
    body: bytes = b""
    location: str = ""
    # No answer from the host at all (refused, no such name): every path of it fails alike.
    unreachable: bool = False

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def evidence(self) -> dict:
        data = {"url": self.url, "status": self.status, "ms": self.elapsed_ms, "bytes": self.size}
        if self.error:
            data["error"] = self.error
        return data


_BASE_OVERRIDE: ContextVar[str] = ContextVar("compliance_fetch_base", default="")


def fetch_base() -> str:
    return _BASE_OVERRIDE.get() or settings.COMPLIANCE_FETCH_BASE


@contextmanager
def using_base(base: str) -> Iterator[None]:
    """Measure through `base` inside the block (the demo seed uses "inprocess")."""
    token = _BASE_OVERRIDE.set(base)
    try:
        yield
    finally:
        _BASE_OVERRIDE.reset(token)


def primary_hostname(tenant: Tenant) -> str | None:
    domain = (
        Domain.objects.filter(tenant=tenant, redirect_to_primary=False)
        .order_by("-is_primary", "pk")
        .values_list("hostname", flat=True)
        .first()
    )
    return domain


def site_origin(hostname: str) -> str:
    """The public origin of a site (what links on its pages point to)."""
    base = fetch_base()
    if base == INPROCESS:
        return f"http://{hostname}"
    if base:
        port = urlsplit(base).port
        return f"http://{hostname}:{port}" if port else f"http://{hostname}"
    return f"https://{hostname}"


def fetch(hostname: str, path: str, *, timeout: float = 10.0, max_redirects: int = 3) -> Fetched:
    """GET one path of a site; never raises: errors come back in `Fetched.error`."""
    started = time.monotonic()
    shown_url = urljoin(site_origin(hostname), path)
    for _hop in range(max_redirects + 1):
        result = _fetch_once(hostname, path, timeout)
        result.url = shown_url
        if result.status in (301, 302, 303, 307, 308) and result.location:
            target = urlsplit(urljoin(shown_url, result.location))
            if target.hostname and target.hostname != hostname:
                break  # another host: report the redirect itself
            path = target.path + (f"?{target.query}" if target.query else "")
            shown_url = urljoin(site_origin(hostname), path)
            continue
        break
    result.elapsed_ms = int((time.monotonic() - started) * 1000)
    return result


def _fetch_once(hostname: str, path: str, timeout: float) -> Fetched:
    base = fetch_base()
    if base == INPROCESS:
        return _fetch_inprocess(hostname, path)
    if base:
        parts = urlsplit(base)
        scheme, host, port = parts.scheme, parts.hostname, parts.port
    else:
        scheme, host, port = "https", hostname, None
    connection_class = (
        http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    )
    started = time.monotonic()
    try:
        connection = connection_class(host, port, timeout=timeout)
        connection.request(
            "GET",
            path,
            headers={"Host": hostname, "User-Agent": USER_AGENT, "Accept-Language": "vi"},
        )
        response = connection.getresponse()
        body = response.read(MAX_BODY + 1)
        connection.close()
    except (OSError, http.client.HTTPException) as exc:
        return Fetched(
            path,
            None,
            int((time.monotonic() - started) * 1000),
            0,
            error=f"{type(exc).__name__}: {exc}"[:300],
            # A timeout or a reset may be one page's; a refusal or an unknown name is the host.
            unreachable=isinstance(exc, (ConnectionRefusedError, socket.gaierror)),
        )
    return Fetched(
        path,
        response.status,
        int((time.monotonic() - started) * 1000),
        len(body),
        content_type=response.getheader("Content-Type", ""),
        body=body[:MAX_BODY],
        location=response.getheader("Location", ""),
    )


def _fetch_inprocess(hostname: str, path: str) -> Fetched:
    from django.test import Client

    started = time.monotonic()
    client = Client(HTTP_HOST=hostname, HTTP_USER_AGENT=USER_AGENT, raise_request_exception=False)
    # A page of /en/ activates English in this thread; the caller's language stays.
    with translation.override(translation.get_language()):
        response = client.get(path)
    body = b"" if getattr(response, "streaming", False) else response.content
    return Fetched(
        path,
        response.status_code,
        int((time.monotonic() - started) * 1000),
        len(body),
        content_type=response.get("Content-Type", ""),
        body=body[:MAX_BODY],
        location=response.get("Location", ""),
    )


def cached_fetch(context, path: str, timeout: float = 10.0) -> Fetched | None:
    """Fetch once per run (the run's context cache); None when the site has no domain."""
    hostname = context.cache.get("hostname")
    if hostname is None:
        hostname = primary_hostname(context.tenant) or ""
        context.cache["hostname"] = hostname
    if not hostname:
        return None
    key = f"fetch:{path}"
    if key not in context.cache:
        context.cache[key] = fetch(hostname, path, timeout=timeout)
    return context.cache[key]
