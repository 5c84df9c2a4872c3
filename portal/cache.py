"""A Redis cache that an unreachable Redis cannot turn into a 500.

Django's RedisCache raises on every call when Redis is down; the site resolution reads
a version counter on every request, so an outage of the cache took every page down.
Here a failed call is a miss for reads and a dropped write, logged once per outage, and
a short circuit breaker skips Redis altogether for `BREAKER_SECONDS` after a failure so
that pages do not each wait for a refused connection. The database answers meanwhile.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

BREAKER_SECONDS = 5.0
# A connect that hangs (a host gone from the network) must not hold a page for long.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
FAILURES = (RedisError, OSError)


class CircuitBreaker:
    """Shared by every thread's cache object for one location: open means 'do not try'."""

    def __init__(self, name: str, seconds: float = BREAKER_SECONDS) -> None:
        self.name = name
        self.seconds = seconds
        self._open_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    @property
    def is_down(self) -> bool:
        """True from the first failure until a call succeeds again."""
        return self._down

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self._open_until = time.monotonic() + self.seconds
            first = not self._down
            self._down = True
        if first:
            logger.warning(
                "cache %s unavailable, serving without it: %s", self.name, error, exc_info=False
            )

    def succeeded(self) -> None:
        if self._down:
            with self._lock:
                recovered = self._down
                self._down = False
                self._open_until = 0.0
            if recovered:
                logger.warning("cache %s is back", self.name)

    def reset(self) -> None:
        with self._lock:
            self._down = False
            self._open_until = 0.0


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str) -> CircuitBreaker:
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = CircuitBreaker(location)
        return _breakers[location]


class ResilientRedisCache(RedisCache):
    """RedisCache whose failures degrade to misses: reads return the default, writes are
    dropped, `add` reports success (a lost single-use marker beats a refused form) and
    `incr` raises ValueError as for a missing key (callers already handle that)."""

    def __init__(self, server, params):
        params = dict(params)
        params["OPTIONS"] = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        super().__init__(server, params)
        self.breaker = breaker_for(str(server))

    def _call(self, method, fallback, *args, **kwargs):
        if self.breaker.is_open:
            return fallback
        try:
            result = method(*args, **kwargs)
        except FAILURES as error:
            self.breaker.failed(error)
            return fallback
        self.breaker.succeeded()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call(super().incr, missing, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = list(data)
        return self._call(super().set_many, failed, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)

    def ping(self) -> bool:
        """For /readyz: ask Redis itself, past the breaker."""
        try:
            self._cache.get_client(write=False).ping()
        except FAILURES as error:
            self.breaker.failed(error)
            return False
        self.breaker.succeeded()
        return True
