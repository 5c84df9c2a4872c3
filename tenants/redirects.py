"""Record and find old URLs: 301 to where an item went, 410 for what was removed.

Rows are keyed on (hostname, path) exactly as a client sends them, normalised by
`normalize_path` the same way Django builds `request.get_full_path()`. Chains never
form: recording A→B re-points every row that led to A, so A→B→C answers A→C in one hop.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.translation import gettext as _

from .domains import normalize_hostname
from .models_redirects import RedirectReason, UrlRedirect

__all__ = [
    "HOST_WIDE",
    "RedirectError",
    "find_redirect",
    "normalize_path",
    "record_gone",
    "record_host_redirect",
    "record_redirect",
    "rehost",
]

# The path of a host-wide row: any path of that host not matched exactly answers 301 to
# the same path on `target_host` (a merged site's hostnames, where most items kept
# their path). Looked up in the same query as the exact rows.
HOST_WIDE = "/*"


class RedirectError(ValueError):
    """A redirect that cannot be recorded (a loop, an empty path); the message is for users."""


def normalize_path(raw: str) -> str:
    """'/tin-tuc/Bài 1.html?ItemID=5#x' -> '/tin-tuc/B%C3%A0i%201.html?ItemID=5'.

    The path is decoded then re-encoded as Django's `get_full_path()` does; the
    query string is kept as sent; the fragment (never sent by a browser) is dropped.
    A full URL is reduced to its path and query.
    """
    parts = urlsplit((raw or "").strip())
    path = unquote(parts.path)
    if not path.startswith("/"):
        path = f"/{path}"
    normalized = escape_uri_path(path)
    if parts.query:
        normalized = f"{normalized}?{iri_to_uri(parts.query)}"
    return normalized


def _validate_reason(reason: str) -> None:
    if reason not in RedirectReason.values:
        raise RedirectError(_("Lý do chuyển hướng không hợp lệ: %(reason)s.") % {"reason": reason})


def _pointing_at(hostname: str, path: str) -> Q:
    """Rows whose target is (hostname, path): named explicitly or as 'same host'."""
    return Q(target_host=hostname, target_path=path) | Q(
        target_host="", hostname=hostname, target_path=path
    )


@transaction.atomic
def record_redirect(
    *,
    hostname: str,
    path: str,
    target_host: str,
    target_path: str,
    reason: str,
    tenant=None,
) -> UrlRedirect:
    """Make (hostname, path) answer 301 to target_host + target_path, for ever.

    The target is where the content lives now: a row kept on the target's own
    address is dropped (that address is live again). Idempotent (an upsert on the
    old URL). Rows that led to the old URL now lead to the new target directly.
    A redirect to itself is refused with RedirectError.
    """
    _validate_reason(reason)
    hostname, path = normalize_hostname(hostname), normalize_path(path)
    target_host = normalize_hostname(target_host) or hostname
    target_path = normalize_path(target_path)
    if not hostname:
        raise RedirectError(_("Thiếu tên miền cũ."))
    if (target_host, target_path) == (hostname, path):
        raise RedirectError(
            _("Không thể chuyển hướng một địa chỉ về chính nó: %(url)s.")
            % {"url": f"{hostname}{path}"}
        )
    UrlRedirect.objects.filter(hostname=target_host, path=target_path).delete()
    _repoint(hostname, path, target_host, target_path, status=UrlRedirect.MOVED)
    row, _created = UrlRedirect.objects.update_or_create(
        hostname=hostname,
        path=path,
        defaults={
            "target_host": "" if target_host == hostname else target_host,
            "target_path": target_path,
            "status": UrlRedirect.MOVED,
            "reason": reason,
            "tenant": tenant,
        },
    )
    return row


@transaction.atomic
def record_gone(*, hostname: str, path: str, reason: str, tenant=None) -> UrlRedirect:
    """Make (hostname, path) answer 410 Gone; old URLs that led to it answer 410 too."""
    _validate_reason(reason)
    hostname, path = normalize_hostname(hostname), normalize_path(path)
    if not hostname:
        raise RedirectError(_("Thiếu tên miền cũ."))
    _repoint(hostname, path, "", "", status=UrlRedirect.GONE)
    row, _created = UrlRedirect.objects.update_or_create(
        hostname=hostname,
        path=path,
        defaults={
            "target_host": "",
            "target_path": "",
            "status": UrlRedirect.GONE,
            "reason": reason,
            "tenant": tenant,
        },
    )
    return row


def _repoint(hostname: str, path: str, target_host: str, target_path: str, *, status: int) -> None:
    """Collapse chains: every row that answered (hostname, path) now answers the new target."""
    chained = UrlRedirect.objects.filter(_pointing_at(hostname, path))
    if status == UrlRedirect.GONE:
        chained.update(target_host="", target_path="", status=status)
        return
    chained.filter(hostname=target_host).update(target_host="", target_path=target_path)
    chained.exclude(hostname=target_host).update(target_host=target_host, target_path=target_path)
    # A→B then B→A: the row for A would point at A itself; A is live again.
    UrlRedirect.objects.filter(hostname=target_host, path=target_path).delete()


@transaction.atomic
def record_host_redirect(*, hostname: str, target_host: str, reason: str, tenant=None) -> int:
    """Make every path of `hostname` without an exact row answer 301 to the same path on
    `target_host`; rows that sent visitors to `hostname` now send them there directly.
    Returns the number of rows written or re-pointed."""
    _validate_reason(reason)
    hostname, target_host = normalize_hostname(hostname), normalize_hostname(target_host)
    if not hostname or not target_host or hostname == target_host:
        raise RedirectError(_("Tên miền cũ và tên miền mới phải khác nhau."))
    changed = rehost(hostname, target_host)
    UrlRedirect.objects.update_or_create(
        hostname=hostname,
        path=HOST_WIDE,
        defaults={
            "target_host": target_host,
            "target_path": "",
            "status": UrlRedirect.MOVED,
            "reason": reason,
            "tenant": tenant,
        },
    )
    return changed + 1


def rehost(old_host: str, new_host: str) -> int:
    """Rows whose target is on `old_host` (explicitly or as 'same host') point at the same
    path on `new_host`: one hop still, after a site's hostnames retire."""
    moved = UrlRedirect.objects.filter(status=UrlRedirect.MOVED)
    changed = moved.filter(target_host=old_host).update(target_host=new_host)
    changed += (
        moved.filter(hostname=old_host, target_host="")
        .exclude(path=HOST_WIDE)
        .update(target_host=new_host)
    )
    # Rows on new_host now naming new_host: 'same host' is written as an empty target host.
    moved.filter(hostname=new_host, target_host=new_host).update(target_host="")
    return changed


def _language_prefixes() -> list[str]:
    default = settings.LANGUAGE_CODE
    return [f"/{code}/" for code, _name in settings.LANGUAGES if code != default]


def find_redirect(hostname: str, path: str) -> UrlRedirect | None:
    """The row answering (hostname, path), in one indexed query, or None.

    Tried in order: the path with its query string, then without it (tracking
    parameters such as ?utm_source= must not break an old link), each also
    without a language prefix (/en/...), in which case the prefix is kept on the
    returned (unsaved) row's target; last the host-wide row, which keeps the path.
    """
    hostname, full = normalize_hostname(hostname), normalize_path(path)
    bare = full.split("?", 1)[0]
    candidates: list[tuple[str, str]] = [(full, ""), (bare, "")]
    for prefix in _language_prefixes():
        if bare.startswith(prefix):
            candidates += [
                (full[len(prefix) - 1 :], prefix[:-1]),
                (bare[len(prefix) - 1 :], prefix[:-1]),
            ]
    candidates.append((HOST_WIDE, ""))
    rows = {
        row.path: row
        for row in UrlRedirect.objects.filter(
            hostname=hostname, path__in={candidate for candidate, _p in candidates}
        )
    }
    for candidate, prefix in candidates:
        row = rows.get(candidate)
        if row is not None:
            if candidate == HOST_WIDE:
                row.target_path = full
            elif prefix and row.status == UrlRedirect.MOVED:
                row.target_path = f"{prefix}{row.target_path}"
            return row
    return None
