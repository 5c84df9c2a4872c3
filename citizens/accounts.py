"""Citizen accounts: sign in from verified claims, the signed-in citizen of a request,
sign out, and deleting an account with the personal data other apps hold for it.

Citizens never become Django users: the admin's staff accounts stay separate, and a
citizen's session only carries `SESSION_KEY`.

Other apps join through `<app>/citizen_data.py`, which may define:
- ``my_items(citizen) -> list[CitizenItem]``: what the citizen sent (across every site);
- ``erase(citizen) -> int``: remove the citizen's personal data, return how many records.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from portal.context_processors import request_origin_suffix
from portal.hooks import hook_functions
from tenants.site import primary_hostnames

from .models import Citizen

SESSION_KEY = "citizen_id"


@dataclass(frozen=True)
class CitizenItem:
    """One thing a citizen sent, as listed on "Câu hỏi của tôi"."""

    kind: str
    title: str
    site: str
    status: str
    sent_at: datetime
    answer: str = ""
    url: str = ""  # a path on the item's own site (`tenant_id`)
    tenant_id: int | None = None


def _phone(value: Any) -> str:
    phone = str(value or "").strip()
    return phone if len(phone) <= 20 else ""


def record_sign_in(claims: dict[str, Any]) -> Citizen:
    """Create or refresh the citizen from verified claims; keep only what we need."""
    citizen, _created = Citizen.objects.get_or_create(
        issuer=str(claims["iss"])[:300], subject=str(claims["sub"])[:255]
    )
    citizen.name = str(claims.get("name") or "")[:200]
    email = str(claims.get("email") or "")
    citizen.email = email[:254] if claims.get("email_verified", True) else ""
    citizen.phone = _phone(claims.get("phone_number"))
    citizen.last_sign_in_at = timezone.now()
    citizen.save()
    return citizen


def sign_in(request: HttpRequest, citizen: Citizen) -> None:
    request.session.cycle_key()  # no session fixation across the sign-in
    request.session[SESSION_KEY] = citizen.pk


def sign_out(request: HttpRequest) -> None:
    request.session.flush()


def current_citizen(request: HttpRequest) -> Citizen | None:
    """The signed-in citizen, or None; cached on the request."""
    if not hasattr(request, "_citizen"):
        citizen_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        request._citizen = (
            Citizen.objects.filter(pk=citizen_id).first() if isinstance(citizen_id, int) else None
        )
    return request._citizen


def my_items(citizen: Citizen, request: HttpRequest | None = None) -> list[CitizenItem]:
    """Everything the citizen sent, newest first; with a request, the links of items sent
    on another site of the province point to that site."""
    items: list[CitizenItem] = []
    for function in hook_functions("citizen_data", "my_items"):
        items.extend(function(citizen))
    if request is not None:
        items = _links_across_sites(items, request)
    return sorted(items, key=lambda item: item.sent_at, reverse=True)


def _links_across_sites(items: list[CitizenItem], request: HttpRequest) -> list[CitizenItem]:
    here = getattr(getattr(request, "tenant", None), "pk", None)
    others = {i.tenant_id for i in items if i.url and i.tenant_id and i.tenant_id != here}
    hosts = primary_hostnames(list(others)) if others else {}
    origin = f"{request.scheme}://{{host}}{request_origin_suffix(request)}"
    return [
        replace(item, url=origin.format(host=hosts[item.tenant_id]) + item.url)
        if item.tenant_id in hosts
        else item
        for item in items
    ]


def delete_account(citizen: Citizen) -> int:
    """Erase the citizen and the personal data every app holds for them; returns how
    many records other apps changed. The questions and comments themselves stay (they
    are public records of the sites), without the name and contact."""
    with transaction.atomic():
        changed = sum(function(citizen) for function in hook_functions("citizen_data", "erase"))
        citizen.delete()
    return changed


def erase_inactive(now: datetime | None = None) -> int:
    """Retention: delete the accounts (and their personal data) of citizens who have not
    signed in for `CITIZEN_INACTIVE_DAYS`; returns how many accounts."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CITIZEN_INACTIVE_DAYS)
    stale = Citizen.objects.filter(last_sign_in_at__lt=cutoff)
    count = 0
    for citizen in stale.iterator():
        delete_account(citizen)
        count += 1
    return count
