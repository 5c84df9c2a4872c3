"""Answers of the API: JSON checked against the declared schema, with a strong ETag and
Last-Modified, and ``304 Not Modified`` when the client already holds this version."""

from __future__ import annotations

import hashlib
import inspect
import json
from datetime import datetime
from functools import wraps

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.translation import gettext as _
from pydantic import BaseModel

from portal.licence import OPEN_DATA_LICENCE as LICENCE

from .problems import ApiError

MAX_AGE = 60
COMMON_PARAMS = {"lang"}


def not_modified(request: HttpRequest, etag: str, last_modified: datetime | None) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        tags = parse_etags(if_none_match)
        return "*" in tags or etag in tags or f"W/{etag}" in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since is not None and last_modified is not None:
        return int(last_modified.timestamp()) <= since
    return False


def send(
    request: HttpRequest,
    body: bytes,
    content_type: str,
    *,
    last_modified: datetime | None = None,
    filename: str = "",
) -> HttpResponse:
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if not_modified(request, etag, last_modified):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = etag
    response["Link"] = f'<{LICENCE.url}>; rel="license"'  # what may be done with the data
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def respond(
    request: HttpRequest,
    schema: type[BaseModel],
    data: dict,
    *,
    last_modified: datetime | None = None,
) -> HttpResponse:
    """Validate `data` against the schema the OpenAPI document declares, then send it."""
    payload = schema.model_validate(data).model_dump(mode="json")
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return send(request, body, "application/json; charset=utf-8", last_modified=last_modified)


def latest(*moments: datetime | None) -> datetime | None:
    known = [m for m in moments if m is not None]
    return max(known) if known else None


def strict(view):
    """Refuse query parameters the endpoint does not declare (a typo is not ignored)."""
    declared = set(inspect.signature(view).parameters) - {"request"}

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        unknown = sorted(set(request.GET) - declared - COMMON_PARAMS)
        if unknown:
            raise ApiError(
                400,
                _("Tham số không được hỗ trợ: %(names)s. Xem /api/v1/docs.")
                % {"names": ", ".join(name[:40] for name in unknown[:5])},
            )
        return view(request, *args, **kwargs)

    return wrapper
