"""The client's address, the one function every rate limit, lock-out and visit count uses.

Without a proxy (`TRUSTED_PROXY_COUNT = 0`, the default) it is the socket address and any
`X-Forwarded-For` a client sends is ignored: a header is not evidence. Behind N trusted
proxies, each of which appends the address it received from to `X-Forwarded-For`, the
client is the N-th entry from the right: entries further left were written by the client
and are never believed. A header shorter than N entries or holding something that is not
an IP address falls back to the socket address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [item.strip() for item in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [item for item in forwarded if item]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
