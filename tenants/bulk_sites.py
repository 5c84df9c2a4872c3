"""Thousands of sites at once (a national installation: about 4,000), for load tests.

One site at a time through the tree manager costs a few statements each; here the
communes are appended under the province in one insert (tree positions computed: they
go after the province's existing children), their domains in another.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from .models import Domain, Tenant, TenantKind
from .resolution import bump_tree_version


@transaction.atomic
def add_communes(province: Tenant, count: int, prefix: str) -> list[Tenant]:
    """Append `count` communes (slugs prefix0001…) with a primary domain each."""
    province = Tenant.objects.select_for_update().get(pk=province.pk)
    start = province.rght  # new nodes take [rght, rght + 2*count); the province closes after
    Tenant.objects.filter(tree_id=province.tree_id, rght__gte=start).exclude(pk=province.pk).update(
        rght=F("rght") + 2 * count
    )
    Tenant.objects.filter(tree_id=province.tree_id, lft__gt=start).update(lft=F("lft") + 2 * count)
    sites = [
        Tenant(
            parent=province,
            kind=TenantKind.COMMUNE,
            slug=f"{prefix}{n:04d}",
            name=f"Xã Quy Mô {n:04d}",
            name_vi=f"Xã Quy Mô {n:04d}",
            governing_body=f"Ủy ban nhân dân Xã Quy Mô {n:04d}",
            order=5000 + n,
            tree_id=province.tree_id,
            level=province.level + 1,
            lft=start + 2 * (n - 1),
            rght=start + 2 * (n - 1) + 1,
        )
        for n in range(1, count + 1)
    ]
    created = Tenant.objects.bulk_create(sites, batch_size=1000)
    Tenant.objects.filter(pk=province.pk).update(rght=F("rght") + 2 * count)
    Domain.objects.bulk_create(
        [Domain(tenant=s, hostname=f"{s.slug}.localhost", is_primary=True) for s in created],
        batch_size=1000,
    )
    transaction.on_commit(bump_tree_version)
    return created
