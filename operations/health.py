"""Liveness and readiness for load balancers and container health checks.

`/healthz` says only that the process answers (no dependency is touched: a database
outage must not make an orchestrator restart every healthy web process). `/readyz`
checks PostgreSQL, the cache, the Celery broker and the free space of the upload
directories, each separately, and answers 503 only when the database is unreachable:
without Redis or the broker the site still serves pages and stores submissions.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse

from portal.outage import database_available

LOW_DISK_BYTES = 512 * 1024 * 1024


def liveness() -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


def _timed(check) -> dict:
    started = time.monotonic()
    ok = bool(check())
    return {"ok": ok, "ms": round((time.monotonic() - started) * 1000, 1)}


def check_cache() -> bool:
    ping = getattr(cache, "ping", None)
    if ping is not None:
        return ping()
    cache.set("readyz:probe", 1, 5)
    return cache.get("readyz:probe") == 1


def check_broker() -> bool:
    url = getattr(settings, "CELERY_BROKER_URL", "") or ""
    if not url.startswith(("redis://", "rediss://")):
        return True  # memory:// (eager demo): nothing to reach
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False


def upload_roots() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def check_disk() -> dict:
    minimum = int(getattr(settings, "DISK_LOW_FREE_BYTES", LOW_DISK_BYTES))
    found = {}
    for name, root in upload_roots().items():
        probe = root
        while not probe.exists() and probe != probe.parent:
            probe = probe.parent
        free = shutil.disk_usage(probe).free
        found[name] = {"ok": free >= minimum, "free_bytes": free}
    return found


def readiness() -> JsonResponse:
    checks = {
        "database": _timed(database_available),
        "cache": _timed(check_cache),
        "broker": _timed(check_broker),
    }
    disk = check_disk()
    if not checks["database"]["ok"]:
        status = "unavailable"
    elif all(c["ok"] for c in checks.values()) and all(d["ok"] for d in disk.values()):
        status = "ok"
    else:
        status = "degraded"
    response = JsonResponse(
        {"status": status, **checks, "disk": disk}, status=503 if status == "unavailable" else 200
    )
    response["Cache-Control"] = "no-store"
    return response
