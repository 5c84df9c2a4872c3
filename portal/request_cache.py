"""The cache keys every public page of a site reads, fetched in one round trip.

Each app's `caching.py` may name them (`page_keys(tenant) -> list[str]`: its version
counter, a footer's cached block, the downtime notices); once the site is known
(tenants/middleware.py) they come from Redis in one `get_many` instead of one round trip
each. A reader asks `request_cache.get(key)`: the prefetched value, once, or the
shared cache's. Counters go to the request's memo of portal/versions.py.

What a page's shell reads from the database when its cache is empty (after a deploy, a
flush, a change) is read in one query too: each app's `caching.py` may name
`shell_parts(tenant) -> list[ShellPart]`, the parts of its own that are missing; the
first reader of the request that misses its value calls `fill_shell()`, which reads
every app's missing parts with one statement (portal/batch.py) and lets each app keep
its value; then the reader reads it again. A reader still missing its value (its part
was not missing when the others were read) queries by itself, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet

from . import batch, versions
from .hooks import hook_functions

_prefetched: ContextVar[dict[str, Any] | None] = ContextVar("prefetched_keys", default=None)
# The request's site, until its shell has been filled (fill_shell: at most once).
_shell_site: ContextVar[Any] = ContextVar("shell_site", default=None)
_ABSENT = object()


@dataclass(frozen=True)
class ShellPart:
    """A value every page of a site shows, missing from the cache: the query that reads
    it and what keeps the value built from its rows (model instances, or dicts for a
    `values()` query; see portal/batch.py for what the query may use)."""

    queryset: QuerySet
    keep: Callable[[list[Any]], object]  # what it returns is not used


def start_request(**_signal_kwargs) -> None:
    _prefetched.set(None)
    _shell_site.set(None)


end_request = start_request


def page_keys(tenant) -> list[str]:
    return [key for function in hook_functions("caching", "page_keys") for key in function(tenant)]


def prefetch(tenant) -> None:
    """Read the site's page keys in one round trip (none found: the readers fill them)."""
    keys = page_keys(tenant)
    found = cache.get_many(keys) if keys else {}
    versions.remember({key: value for key, value in found.items() if isinstance(value, int)})
    _prefetched.set({key: found.get(key, _ABSENT) for key in keys})
    _shell_site.set(tenant)


def fill_shell() -> bool:
    """Read every app's missing shell parts in one query, once per request (only in a
    request whose keys were prefetched). True when it ran now: a reader that missed its
    value then reads it again."""
    tenant = _shell_site.get()
    if tenant is None:
        return False
    _shell_site.set(None)
    parts = [
        part for function in hook_functions("caching", "shell_parts") for part in function(tenant)
    ]
    if not parts:
        return False
    rows = batch.fetch_together({str(i): part.queryset for i, part in enumerate(parts)})
    for i, part in enumerate(parts):
        part.keep(rows[str(i)])
    return True


def peek(key: str) -> Any:
    """Whether a page key holds a value, without taking it: the prefetched one, else the
    shared cache's (None when absent)."""
    memo = _prefetched.get()
    if memo is not None and key in memo:
        value = memo[key]
        return None if value is _ABSENT else value
    return cache.get(key)


def put(key: str, value: Any, timeout: int) -> None:
    """Store a page key's value, and give it to this request's next reader."""
    cache.set(key, value, timeout)
    memo = _prefetched.get()
    if memo is not None:
        memo[key] = value


def get(key: str, default: Any = None) -> Any:
    """The value prefetched for this request (read once: a reader that then stores a new
    one reads that one next time), else the shared cache's."""
    memo = _prefetched.get()
    if memo is not None and key in memo:
        value = memo.pop(key)
        return default if value is _ABSENT else value
    return cache.get(key, default)
