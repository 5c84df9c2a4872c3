"""Version counters in the cache: cached data keys on a counter, a change bumps it.

Nothing has to find and delete stale entries: they are no longer asked for and expire.
A counter lost with the cache restarts at 1, which no live key uses any more once the
cache is empty.

Within one request a counter is read from Redis once (the site's content version keys
half a dozen fragments): `start_request`/`end_request` (request signals, PortalConfig)
scope that memo, and a bump in the request forgets its counter.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.core.cache import cache

_memo: ContextVar[dict[str, int] | None] = ContextVar("versions_memo", default=None)


def start_request(**_signal_kwargs) -> None:
    _memo.set({})


def end_request(**_signal_kwargs) -> None:
    _memo.set(None)


def current(key: str) -> int:
    memo = _memo.get()
    if memo is not None and key in memo:
        return memo[key]
    value = cache.get(key)
    if value is None:
        value = 1
        cache.add(key, value, None)  # add: a concurrent bump is not overwritten
    if memo is not None:
        memo[key] = value
    return value


def bump(key: str) -> None:
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)
    try:
        cache.incr(key)
    except ValueError:  # no counter yet: anything cached so far used 1
        cache.set(key, 2, None)
