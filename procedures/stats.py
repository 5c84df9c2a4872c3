"""Share of procedures offered fully online, per site and across its tree.

Public for the compliance module: `online_share(tenant, subtree=...)`, and
`section_counts`, `last_updated`, `section_admin_url` (docs/compliance.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Q
from django.urls import reverse

from portal.local_cache import versioned_cache
from tenants.models import Tenant

from .models import OnlineLevel, Procedure
from .sync import catalogue_version


@dataclass(frozen=True)
class OnlineShare:
    total: int
    full: int
    partial: int

    @property
    def full_percent(self) -> float:
        """Percentage fully online (toàn trình), one decimal; 0 when there are none."""
        return round(100 * self.full / self.total, 1) if self.total else 0.0

    @property
    def partial_percent(self) -> float:
        return round(100 * self.partial / self.total, 1) if self.total else 0.0


def online_share(tenant: Tenant, subtree: bool) -> OnlineShare:
    """Active procedures implemented by `tenant` (and, with subtree, by sites below it).

    One aggregate query, cached until the next sync changes the catalogue.
    """
    key = f"procedures:v{catalogue_version()}:share:{tenant.pk}:{int(subtree)}"
    cached = versioned_cache.get(key)
    if cached is not None:
        return cached
    queryset = Procedure.objects.active().order_by()
    queryset = queryset.implemented_in(tenant) if subtree else queryset.implemented_by(tenant)
    counts = queryset.aggregate(
        total=Count("pk"),
        full=Count("pk", filter=Q(online_level=OnlineLevel.FULL)),
        partial=Count("pk", filter=Q(online_level=OnlineLevel.PARTIAL)),
    )
    share = OnlineShare(**counts)
    versioned_cache.set(key, share, 3600)
    return share


# Requirement code of the procedures section (REQUIREMENTS B4), for the compliance module.
SECTION_CODE = "B4"


def section_counts(tenant: Tenant) -> dict[str, int]:
    """Active procedures this site implements itself, under its requirement code."""
    return {SECTION_CODE: online_share(tenant, subtree=False).total}


def last_updated(tenant: Tenant) -> dict[str, datetime]:
    """When the site's procedures were last synchronised (empty when it has none)."""
    latest = (
        Procedure.objects.active()
        .implemented_by(tenant)
        .order_by()
        .aggregate(latest=Max("synced_at"))["latest"]
    )
    return {SECTION_CODE: latest} if latest else {}


def section_admin_url(code: str) -> str:
    """Where the procedures are looked at (they are fixed at their source, then synced)."""
    return reverse("admin:procedures_procedure_changelist") if code == SECTION_CODE else ""
