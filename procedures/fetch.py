"""Getting the export bytes: from a URL (timeout, retries with backoff, size limit) or a file."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 2.0
_CHUNK = 64 * 1024


class FetchError(Exception):
    """The export could not be obtained; the message is shown to the administrator as is."""


def max_bytes() -> int:
    return int(getattr(settings, "PROCEDURES_SYNC_MAX_BYTES", DEFAULT_MAX_BYTES))


def too_large_message(size: int | None, limit: int) -> str:
    return _("Tệp quá lớn (%(size)s) — giới hạn là %(limit)s MB.") % {
        "size": _("%(mb).1f MB") % {"mb": size / 1024 / 1024} if size else _("vượt giới hạn"),
        "limit": limit // (1024 * 1024),
    }


def read_file(path: str | Path, *, limit: int | None = None) -> bytes:
    """The bytes of a local export file, refused before reading when it is too large."""
    limit = limit or max_bytes()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FetchError(
            _("Không đọc được tệp %(path)s: %(error)s") % {"path": path, "error": exc}
        ) from exc
    if size > limit:
        raise FetchError(too_large_message(size, limit))
    return path.read_bytes()


def fetch_url(
    url: str,
    *,
    timeout: float | None = None,
    retries: int | None = None,
    backoff: float | None = None,
    limit: int | None = None,
) -> bytes:
    """GET `url`, retrying timeouts, connection errors and 5xx answers with exponential backoff.

    A 4xx answer or an over-large body is not retried: asking again will not help.
    """
    timeout = (
        timeout
        if timeout is not None
        else getattr(settings, "PROCEDURES_SYNC_TIMEOUT", DEFAULT_TIMEOUT)
    )
    retries = (
        retries
        if retries is not None
        else getattr(settings, "PROCEDURES_SYNC_RETRIES", DEFAULT_RETRIES)
    )
    backoff = (
        backoff
        if backoff is not None
        else getattr(settings, "PROCEDURES_SYNC_BACKOFF", DEFAULT_BACKOFF)
    )
    limit = limit or max_bytes()
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(_("Địa chỉ phải bắt đầu bằng http:// hoặc https://."))
    last_error = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            return _get_once(url, timeout=timeout, limit=limit)
        except _Retryable as exc:
            last_error = str(exc)
    raise FetchError(
        _("Không tải được %(url)s sau %(n)d lần thử: %(error)s")
        % {"url": url, "n": retries + 1, "error": last_error}
    )


class _Retryable(Exception):
    pass


def _get_once(url: str, *, timeout: float, limit: int) -> bytes:
    request = urllib.request.Request(  # noqa: S310 - scheme checked by the caller
        url,
        headers={
            "User-Agent": "govportal-procedures-sync/1",
            "Accept": "application/json, text/csv",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(too_large_message(int(declared), limit))
            chunks, total = [], 0
            while chunk := response.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise FetchError(too_large_message(None, limit))
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        if exc.code >= 500:
            raise _Retryable(_("máy chủ trả lời lỗi %(code)d") % {"code": exc.code}) from exc
        raise FetchError(
            _("Máy chủ trả lời lỗi %(code)d cho %(url)s") % {"code": exc.code, "url": url}
        ) from exc
    except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):
            raise _Retryable(_("hết thời gian chờ (%(s)s giây)") % {"s": timeout}) from exc
        raise _Retryable(str(reason)) from exc
