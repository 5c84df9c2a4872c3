"""Blocks the tenants app adds to a site's About page: its former names ("tên gọi trước
đây") and the sites merged into it, cached per site until the tree changes."""

from __future__ import annotations

from django.core.cache import cache

from portal.hooks import Section

from .models import FormerName, OperationKind, OperationState, SiteOperation
from .resolution import tree_version

_TIMEOUT = 3600


def _history(tenant_id: int) -> dict:
    former = list(FormerName.objects.filter(tenant_id=tenant_id).values("name", "until"))
    merged = [
        {"names": [s.name for s in operation.sources.all()], "on": operation.finished_at}
        for operation in SiteOperation.objects.filter(
            kind=OperationKind.MERGE, state=OperationState.DONE, target_id=tenant_id
        ).prefetch_related("sources")
    ]
    return {"former_names": former, "merged_from": merged}


def about_sections(request) -> list[Section]:
    tenant = request.tenant
    key = f"tenants:history:v{tree_version()}:{tenant.pk}"
    history = cache.get(key)
    if history is None:
        history = _history(tenant.pk)
        cache.set(key, history, _TIMEOUT)
    if not history["former_names"] and not history["merged_from"]:
        return []
    return [Section("tenants/sections/history.html", history, order=20)]
