"""When PostgreSQL is unreachable: a branded 503 that needs no query to render.

The page is bilingual (Vietnamese first, English below) because the language cannot
always be known without the site's data, and it carries `Retry-After` so that browsers,
crawlers and load balancers come back later instead of counting an error.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template import loader

# What a lost or refused connection raises; a ProgrammingError is a bug, not an outage.
DATABASE_OUTAGE = (OperationalError, InterfaceError)


def is_database_outage(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_OUTAGE)


def retry_after_seconds() -> int:
    return int(getattr(settings, "OUTAGE_RETRY_AFTER", 60))


def service_unavailable(
    request: HttpRequest | None = None, reason: str = "database"
) -> HttpResponse:
    """The 503 page: no context processors, no query, only what the request already holds."""
    tenant = getattr(request, "tenant", None) if request is not None else None
    body = loader.render_to_string(
        "errors/503.html",
        {
            "tenant_name": getattr(tenant, "name", "") if tenant else "",
            "reason": reason,
            "retry_after": retry_after_seconds(),
            # A form was being sent: its text is kept in the browser (form-keeper.js).
            "sent_form": request is not None and request.method == "POST",
        },
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(retry_after_seconds())
    response["Cache-Control"] = "no-store"
    return response


def database_available() -> bool:
    """Connect if needed and check the connection is alive, without a logged query.

    A persistent connection left from before a restart of PostgreSQL is dropped and
    opened again, so the first request after the outage already succeeds.
    """
    try:
        connection.ensure_connection()
        if connection.is_usable():
            return True
        if connection.in_atomic_block:
            return False
        connection.close()
        connection.ensure_connection()
        return connection.is_usable()
    except DATABASE_OUTAGE:
        return False


def requires_database(view: Callable) -> Callable:
    """For forms that store what the citizen types: answer 503 before the form is shown,
    not after the citizen has typed a whole question into it."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not database_available():
            return service_unavailable(request)
        return view(request, *args, **kwargs)

    return wrapped
