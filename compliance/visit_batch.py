"""Views of pages served from the page cache (portal/page_cache.py), counted off the
request path: tallied in the process and written to Redis by a background thread once a
second, one script call per site and path, so that a cached page costs no Redis round
trip for its count. Same rules and store as `visits.count_view` (bots, prefetches and
non-GET requests are not counted); at most a second of views is lost if the process dies.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections import Counter

import redis
from django.utils import timezone

from . import visits

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 1.0
_pending: Counter[tuple[int, str]] = Counter()
_lock = threading.Lock()
_flusher_pid: int | None = None


def page_served(sender, request, site_id: int, path: str, **kwargs) -> None:
    """Receiver of `page_served_from_cache`."""
    if not visits.is_countable(request):
        return
    with _lock:
        _pending[(site_id, path[:200])] += 1
    _ensure_flusher()


def flush() -> int:
    """Write the tallied views to Redis; the number of views written."""
    global _pending
    with _lock:
        batch, _pending = _pending, Counter()
    connection_ = visits.client()
    if not batch or connection_ is None:
        return 0
    day = timezone.localdate()
    try:
        with connection_.pipeline(transaction=False) as pipe:
            for (site_id, path), views in batch.items():
                hits, pending, today = visits._keys(site_id, day)
                pipe.eval(
                    visits._INCREMENT,
                    3,
                    hits,
                    pending,
                    today,
                    path,
                    visits.MAX_PATHS,
                    visits.OTHER_PATH,
                    f"{site_id}:{day:%Y%m%d}",
                    visits.TTL,
                    views,
                )
            pipe.execute()
    except redis.RedisError as exc:
        logger.warning(
            "%d cached page views not counted, Redis unavailable: %s", sum(batch.values()), exc
        )
        return 0
    return sum(batch.values())


def _loop() -> None:
    stop = threading.Event()
    while not stop.wait(FLUSH_SECONDS):
        try:
            flush()
        except Exception:  # noqa: BLE001 - the counter thread must survive anything
            logger.exception("cached page views not flushed")


def _ensure_flusher() -> None:
    """One thread per process, started after a fork (gunicorn workers) on first use."""
    global _flusher_pid
    if _flusher_pid == os.getpid():
        return
    with _lock:
        if _flusher_pid == os.getpid():
            return
        _flusher_pid = os.getpid()
    threading.Thread(target=_loop, name="visit-batch", daemon=True).start()


atexit.register(flush)
