"""A copy in this process of cached values whose key holds a version counter.

A key such as `content:menu:12:vi:v519` names one value for ever: a change bumps the
counter (portal/versions.py) and later requests ask for another key. Such a value can be
kept in the process, so a page reads its shell (site, tree, menu, fragments) without a
round trip to Redis; only the counters themselves are read from Redis on each request.

Only callers whose keys hold a version use it, through the `versioned` cache alias
(`caches["versioned"]`, `{% cache ... using="versioned" %}`); anything invalidated by
`delete` or `set` under the same key stays on the shared cache. Values are kept pickled,
so each reader gets its own copy (a tenant object a request annotates is never shared).
A local copy lives at most `LOCAL_SECONDS`: time-dependent text inside a fragment (today's
statuses) is no staler than the shared copy's timeout plus that.
"""

from __future__ import annotations

import pickle
import threading
import time
from collections import OrderedDict
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.utils.connection import ConnectionProxy

LOCAL_SECONDS = 60
MAX_ENTRIES = 4000
MAX_BYTES = 64 * 1024 * 1024  # per process, all entries together
MAX_VALUE_BYTES = 512 * 1024  # a bigger value stays on the shared cache only
_MISSING = object()


class LocalStore:
    """A bounded least-recently-used map of pickled values with an expiry each."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.size = 0  # bytes (characters for strings) of the values held
        self._entries: OrderedDict[str, tuple[float, bytes | str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return _MISSING
            expires, stored = entry
            if expires < time.monotonic():
                self._drop(key)
                return _MISSING
            self._entries.move_to_end(key)
        # Only values this process pickled itself (put below), never bytes from outside.
        return stored if isinstance(stored, str) else pickle.loads(stored)  # noqa: S301

    def put(self, key: str, value: Any, seconds: float) -> None:
        # A string is immutable: kept as it is (template fragments, most of the entries).
        stored = value if isinstance(value, str) else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if len(stored) > MAX_VALUE_BYTES or seconds <= 0:
            return
        with self._lock:
            self._drop(key)
            self._entries[key] = (time.monotonic() + seconds, stored)
            self.size += len(stored)
            while len(self._entries) > self.max_entries or self.size > self.max_bytes:
                self._drop(next(iter(self._entries)))  # the least recently used

    def pop(self, key: str) -> None:
        with self._lock:
            self._drop(key)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry[1])

    def __len__(self) -> int:
        return len(self._entries)


STORE = LocalStore()


class LocalFirstCache(BaseCache):
    """Cache alias in front of another one (OPTIONS["SHARED"], default "default"): reads
    answer from the process when they can, writes go to both."""

    def __init__(self, location: str, params: dict) -> None:
        super().__init__(params)
        self.shared_alias = params.get("OPTIONS", {}).get("SHARED", "default")

    @property
    def shared(self) -> BaseCache:
        return caches[self.shared_alias]

    def _local_seconds(self, timeout) -> float:
        timeout = self.shared.get_backend_timeout(timeout)
        return LOCAL_SECONDS if timeout is None else min(LOCAL_SECONDS, timeout)

    def get(self, key, default=None, version=None):
        value = STORE.get(key)
        if value is not _MISSING:
            return value
        value = self.shared.get(key, _MISSING, version)
        if value is _MISSING:
            return default
        STORE.put(key, value, LOCAL_SECONDS)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.shared.set(key, value, timeout, version)
        STORE.put(key, value, self._local_seconds(timeout))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self.shared.add(key, value, timeout, version)
        if added:
            STORE.put(key, value, self._local_seconds(timeout))
        return added

    def delete(self, key, version=None):
        STORE.pop(key)
        return self.shared.delete(key, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.shared.touch(key, timeout, version)

    def has_key(self, key, version=None):
        return STORE.get(key) is not _MISSING or self.shared.has_key(key, version)

    def clear(self):
        STORE.clear()
        return self.shared.clear()


# `versioned_cache.get(...)` as `django.core.cache.cache` is for the default alias.
versioned_cache = ConnectionProxy(caches, "versioned")
