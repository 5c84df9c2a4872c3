"""Who may give a site which hostname (Decree 224 Art. 11(4)).

A site administrator may add a hostname strictly below one of the province's suffixes
(`HOSTNAME_SUFFIXES`, e.g. "sonlam.gov.vn" allows "xaanbinh.sonlam.gov.vn"); it serves at
once. Anything else — another organisation's domain, the suffix itself or its `www`, an
IP literal — is stored pending and serves nothing (404) until the provincial editorial
board or a superuser approves it. Code that creates domains (province set-up, demo,
imports) is trusted and creates them approved.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .access import PUBLISHING_ROLES
from .domains import normalize_hostname
from .models import Domain, Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def configured_suffixes() -> list[str]:
    return [normalize_hostname(s).lstrip("*.") for s in settings.HOSTNAME_SUFFIXES if s.strip()]


def is_ip_literal(hostname: str) -> bool:
    host = normalize_hostname(hostname).strip("[]")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def under_allowed_suffix(hostname: str) -> bool:
    """True for a name strictly below a configured suffix, other than its `www`."""
    host = normalize_hostname(hostname)
    if is_ip_literal(host):
        return False
    for suffix in configured_suffixes():
        if host.endswith(f".{suffix}") and host != f"www.{suffix}":
            return True
    return False


def may_approve_hostnames(user) -> bool:
    """Superusers, and the provincial editorial board (a publishing role over a whole tree)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(
        user=user,
        role__in=PUBLISHING_ROLES,
        include_descendants=True,
        tenant__parent__isnull=True,
    ).exists()


def apply_to_change(domain: Domain, *, by: User, hostname_changed: bool) -> None:
    """Set `domain`'s approval before an admin save by `by` (not saved here).

    An approver's hostname is approved as they set it; anyone else's new or changed
    hostname is approved only under an allowed suffix, else it waits.
    """
    if may_approve_hostnames(by):
        if domain.pk is None or hostname_changed:
            domain.is_approved = True
            domain.approved_by = by
            domain.approved_at = timezone.now()
        return
    if domain.pk is None or hostname_changed:
        domain.is_approved = under_allowed_suffix(domain.hostname)
        domain.approved_by = None
        domain.approved_at = timezone.now() if domain.is_approved else None


def approve(domains, *, by: User) -> int:
    """Approve pending hostnames (editorial board or superuser); returns how many."""
    if not may_approve_hostnames(by):
        return 0
    count = 0
    with transaction.atomic():
        for domain in domains:
            if domain.is_approved:
                continue
            domain.is_approved = True
            domain.approved_by = by
            domain.approved_at = timezone.now()
            domain.save(update_fields=["is_approved", "approved_by", "approved_at"])
            count += 1
    return count
