"""Staff sessions end after STAFF_IDLE_TIMEOUT_MINUTES without a request.

Only staff (admin) sessions: signed-in citizens are not Django users (citizens/accounts.py)
and keep their own session rules. The time of the last request is kept in the session,
rewritten at most once a minute (so a busy editor does not write the session on every
click); a staff session older than the limit is signed out on its next request, and a
request to the admin is sent to the sign-in page with a message saying why.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "_staff_last_seen"
WRITE_EVERY_SECONDS = 60


def idle_limit_seconds() -> int:
    """0 turns the timeout off."""
    return max(0, int(settings.STAFF_IDLE_TIMEOUT_MINUTES)) * 60


def is_staff_session(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


def mark_active(request: HttpRequest, now: float | None = None) -> None:
    request.session[LAST_SEEN_KEY] = int(now if now is not None else time.time())


def has_expired(request: HttpRequest, now: float | None = None) -> bool:
    """True when this staff session has been idle longer than the limit; otherwise
    records the request as activity."""
    limit = idle_limit_seconds()
    if not limit or not is_staff_session(request):
        return False
    now = now if now is not None else time.time()
    last_seen = request.session.get(LAST_SEEN_KEY)
    if not isinstance(last_seen, int):
        mark_active(request, now)  # a session from before the rule, or a fresh sign-in
        return False
    if now - last_seen > limit:
        return True
    if now - last_seen >= WRITE_EVERY_SECONDS:
        mark_active(request, now)
    return False


def expired_message() -> str:
    return _(
        "Phiên làm việc đã hết hạn do không hoạt động quá %(minutes)s phút. Hãy đăng nhập lại."
    ) % {"minutes": idle_limit_seconds() // 60}


def expired_response(request: HttpRequest) -> HttpResponse | None:
    """Sign the idle session out; an admin page answers with the sign-in page."""
    logout(request)
    admin_root = reverse("admin:index")
    if not request.path.startswith(admin_root):
        return None
    messages.warning(request, expired_message())
    target = reverse("admin:login")
    if request.method == "GET":
        target += "?" + urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(target)
