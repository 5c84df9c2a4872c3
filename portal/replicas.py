"""Anonymous reads from streaming replicas, everything else from the primary.

`DATABASE_REPLICA_URLS` (comma-separated) adds the aliases `replica_1`, `replica_2`…
Only what `ReplicaReadsMiddleware` marks reads from them: a GET or HEAD without a
session cookie (anonymous visitors; signed-in staff and citizens always read the
primary, so nobody reads their own change stale) and without the pin cookie a write
leaves for REPLICA_PIN_SECONDS (a visitor who just sent a form reads what they sent).
Once a request writes, the rest of it reads the primary. Celery tasks, commands and
the admin never read a replica.

A replica lags: anything read from it just after a change could fill a shared cache
(a fragment, the site resolution, a page) under the new version, and staff would read
that too. So every announced change (`portal.page_cache.bump`) stamps its time, and all
reads go to the primary until REPLICA_MAX_LAG_SECONDS after the last one; the caches
are bumped again after that delay (`delayed_bump`) in case a replica lagged more. Keep
the replicas' lag under REPLICA_MAX_LAG_SECONDS (docs/scaling.md).
"""

from __future__ import annotations

import random
import threading
import time
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PIN_COOKIE = "db_pin"
_reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)
_wrote: ContextVar[bool] = ContextVar("wrote", default=False)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def database_settings(urls: str, primary: dict, parse) -> dict[str, dict]:
    """The aliases of DATABASE_REPLICA_URLS, with the primary's options; tests read the
    primary (a replica is a mirror of it there)."""
    aliases = {}
    for index, url in enumerate([u.strip() for u in urls.split(",") if u.strip()], 1):
        alias = parse(url, conn_max_age=primary.get("CONN_MAX_AGE", 0))
        alias["OPTIONS"] = dict(primary.get("OPTIONS", {}))
        alias["TEST"] = {"MIRROR": "default"}
        aliases[f"replica_{index}"] = alias
    return aliases


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if _reads_from_replica.get() and not _wrote.get():
            aliases = replica_aliases()
            if aliases:
                return random.choice(aliases)  # noqa: S311 - load spreading, not security
        return "default"

    def db_for_write(self, model, **hints) -> str:
        _wrote.set(True)  # the rest of this request reads what it wrote
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == "default"


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        anonymous_read = (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and PIN_COOKIE not in request.COOKIES
            and bool(replica_aliases())
            and _replicas_caught_up()
        )
        reads = _reads_from_replica.set(anonymous_read)
        wrote = _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get() and replica_aliases() and request.method not in ("GET", "HEAD"):
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.REPLICA_PIN_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
        finally:
            _reads_from_replica.reset(reads)
            _wrote.reset(wrote)


def _replicas_caught_up() -> bool:
    """False until REPLICA_MAX_LAG_SECONDS after the last change: meanwhile every read
    goes to the primary, so nothing read from a lagging replica fills a shared cache
    that staff would read too. No change announced (or Redis down, and with it every
    shared cache): the replicas."""
    from .page_cache import last_change

    changed = last_change()
    return changed is None or time.time() - changed > settings.REPLICA_MAX_LAG_SECONDS


def delayed_bump(bump, *args, **kwargs) -> None:
    """Call `bump` again once a replica has surely replayed the change."""
    if not replica_aliases():
        return
    # Not a daemon: a command that saved something waits for it before exiting.
    threading.Timer(settings.REPLICA_MAX_LAG_SECONDS, bump, args, kwargs).start()
