"""Version counters in the cache: cached data keys on a counter, a change bumps it.

Nothing has to find and delete stale entries: they are no longer asked for and expire.
A counter starts at a random number, not at 1: a counter lost with Redis (a restart, a
flush) then restarts where no key used before does, so a copy kept in a process
(portal/local_cache.py) under an old key is never read again.

Within one request a counter is read from Redis once (the site's content version keys
half a dozen fragments): `start_request`/`end_request` (request signals, PortalConfig)
scope that memo, and a bump in the request forgets its counter.
"""

from __future__ import annotations

import secrets
from contextvars import ContextVar

from django.core.cache import cache

_memo: ContextVar[dict[str, int] | None] = ContextVar("versions_memo", default=None)


def start_request(**_signal_kwargs) -> None:
    _memo.set({})


def end_request(**_signal_kwargs) -> None:
    _memo.set(None)


def remember(values: dict[str, int]) -> None:
    """Counters read for this request by someone else (portal/request_cache.py)."""
    memo = _memo.get()
    if memo is not None:
        memo.update(values)


def current(key: str) -> int:
    memo = _memo.get()
    if memo is not None and key in memo:
        return memo[key]
    value = cache.get(key)
    if value is None:
        value = _fresh_start()
        if not cache.add(key, value, None):  # another process started it first
            value = cache.get(key) or value
    if memo is not None:
        memo[key] = value
    return value


def bump(key: str) -> None:
    memo = _memo.get()
    if memo is not None:
        memo.pop(key, None)
    try:
        cache.incr(key)
    except ValueError:  # no counter (or no Redis): any new number leaves old keys behind
        cache.set(key, _fresh_start(), None)


def _fresh_start() -> int:
    return secrets.randbelow(2**40) + 1
