"""The cache keys every public page of a site reads, fetched in one round trip.

Each app's `caching.py` may name them (`page_keys(tenant) -> list[str]`: its version
counter, a footer's cached block, the downtime notices); once the site is known
(tenants/middleware.py) they come from Redis in one `get_many` instead of one round trip
each. A reader asks `request_cache.get(key)`: the prefetched value, once, or the
shared cache's. Counters go to the request's memo of portal/versions.py.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.core.cache import cache

from . import versions
from .hooks import hook_functions

_prefetched: ContextVar[dict[str, Any] | None] = ContextVar("prefetched_keys", default=None)
_ABSENT = object()


def start_request(**_signal_kwargs) -> None:
    _prefetched.set(None)


end_request = start_request


def page_keys(tenant) -> list[str]:
    return [key for function in hook_functions("caching", "page_keys") for key in function(tenant)]


def prefetch(tenant) -> None:
    """Read the site's page keys in one round trip (none found: the readers fill them)."""
    keys = page_keys(tenant)
    found = cache.get_many(keys) if keys else {}
    versions.remember({key: value for key, value in found.items() if isinstance(value, int)})
    _prefetched.set({key: found.get(key, _ABSENT) for key in keys})


def get(key: str, default: Any = None) -> Any:
    """The value prefetched for this request (read once: a reader that then stores a new
    one reads that one next time), else the shared cache's."""
    memo = _prefetched.get()
    if memo is not None and key in memo:
        value = memo.pop(key)
        return default if value is _ABSENT else value
    return cache.get(key, default)
