"""Who may work on which sites: memberships resolved to sets of tenant ids."""

from __future__ import annotations

from django.db.models import Q

from .models import Membership, Role, Tenant

EDITING_ROLES = frozenset({Role.EDITOR, Role.APPROVER, Role.SITE_ADMIN})
PUBLISHING_ROLES = frozenset({Role.APPROVER, Role.SITE_ADMIN})
ADMIN_ROLES = frozenset({Role.SITE_ADMIN})
ALL_ROLES = frozenset(Role)

_CACHE_ATTR = "_tenant_access_cache"


def tenant_ids_for(user, roles: frozenset[str] = EDITING_ROLES) -> frozenset[int]:
    """Ids of the tenants on which `user` may act with one of `roles`.

    A membership with include_descendants covers its whole subtree. Archived
    tenants are read-only, so they are left out here; `visible_tenant_ids`
    includes them. Memoised on the user object for the request.
    """
    return _scope_ids(user, frozenset(roles), include_archived=False)


def visible_tenant_ids(user) -> frozenset[int]:
    """Tenants whose data the user may read in the admin: any role, archives included."""
    return _scope_ids(user, ALL_ROLES, include_archived=True)


def has_role(user, tenant: Tenant | int | None, roles: frozenset[str]) -> bool:
    """True when the user holds one of `roles` on that tenant (active superusers hold all)."""
    if tenant is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    tenant_id = tenant if isinstance(tenant, int) else tenant.pk
    return tenant_id in tenant_ids_for(user, roles)


def forget(user) -> None:
    """Drop the memoised sets, after memberships changed within one request."""
    user.__dict__.pop(_CACHE_ATTR, None)


def _scope_ids(user, roles: frozenset[str], *, include_archived: bool) -> frozenset[int]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    memo: dict = user.__dict__.setdefault(_CACHE_ATTR, {})
    key = (roles, include_archived)
    if key not in memo:
        scope = Q(pk__in=[])
        memberships = Membership.objects.filter(user=user, role__in=roles).select_related("tenant")
        for membership in memberships:
            tenant = membership.tenant
            if membership.include_descendants:
                scope |= tenant.subtree_q()
            else:
                scope |= Q(pk=tenant.pk)
        tenants = Tenant.objects.filter(scope)
        if not include_archived:
            tenants = tenants.filter(is_archived=False)
        memo[key] = frozenset(tenants.values_list("pk", flat=True))
    return memo[key]
