"""Version counters in the cache: cached data keys on a counter, a change bumps it.

Nothing has to find and delete stale entries: they are no longer asked for and expire.
A counter lost with the cache restarts at 1, which no live key uses any more once the
cache is empty.
"""

from __future__ import annotations

from django.core.cache import cache


def current(key: str) -> int:
    value = cache.get(key)
    if value is None:
        value = 1
        cache.add(key, value, None)  # add: a concurrent bump is not overwritten
    return value


def bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no counter yet: anything cached so far used 1
        cache.set(key, 2, None)
