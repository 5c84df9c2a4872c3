"""Sign-in lock-outs (django-axes): the branded 429 page with the time left, the audit
entry, and unlocking by a site administrator or the editorial board."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone

from portal.client_address import client_address
from tenants.access import ADMIN_ROLES, PUBLISHING_ROLES, tenant_ids_for

from .audit import record_security_event

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def minutes_left(username: str, ip_address: str) -> int:
    """Whole minutes (at least 1) until the lock on this account or address lifts."""
    cool_off = get_cool_off() or timedelta(0)
    latest = (
        (
            AccessAttempt.objects.filter(Q(username=username) | Q(ip_address=ip_address)).aggregate(
                Max("attempt_time")
            )["attempt_time__max"]
        )
        or timezone.now()
    )
    remaining = latest + cool_off - timezone.now()
    return max(1, -(-int(remaining.total_seconds()) // 60))


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: a Vietnamese/English page answering 429 with the time left."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        **admin.site.each_context(request),
        "title": "",
        "minutes_left": minutes_left(username, client_address(request)),
        "username": username,
    }
    return render(request, "accounts/lockout.html", context, status=429)


def record_lockout(request, username: str, ip_address: str) -> None:
    user = get_user_model().objects.filter(username=username).first()
    record_security_event(
        "login_locked_out",
        obj=user if user is not None else _anonymous_target(),
        remote_addr=ip_address,
        detail={"username": username},
    )


def _anonymous_target():
    from tenants.models import Tenant

    return Tenant.objects.filter(parent__isnull=True).order_by("pk").first()


def may_unlock(actor: User, user) -> bool:
    """A superuser, the editorial board, or a site administrator of one of the user's sites."""
    if actor.is_superuser:
        return True
    if user.is_superuser:
        return False
    sites = set(user.memberships.values_list("tenant_id", flat=True))
    allowed = set(tenant_ids_for(actor, ADMIN_ROLES))
    if _is_board(actor):
        allowed |= tenant_ids_for(actor, PUBLISHING_ROLES)
    return bool(sites & allowed)


def _is_board(actor) -> bool:
    return actor.memberships.filter(
        include_descendants=True, tenant__parent__isnull=True, role__in=PUBLISHING_ROLES
    ).exists()


def unlock(user, *, by: User, remote_addr: str | None = None) -> int:
    """Lift the lock on `user`'s account; returns the number of attempt records removed."""
    removed = reset(username=user.get_username())
    record_security_event(
        "login_unlocked",
        obj=user,
        actor=by,
        remote_addr=remote_addr,
        detail={"username": user.get_username()},
    )
    return removed


def locked_usernames(tenant_ids) -> list[str]:
    """Usernames of members of these sites that are locked out now (for the admin home)."""
    from axes.conf import settings as axes_settings

    members = get_user_model().objects.filter(memberships__tenant__in=tenant_ids)
    attempts = AccessAttempt.objects.filter(
        username__in=members.values("username"),
        failures_since_start__gte=axes_settings.AXES_FAILURE_LIMIT,
    )
    cool_off = get_cool_off()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return sorted(set(attempts.values_list("username", flat=True)))
