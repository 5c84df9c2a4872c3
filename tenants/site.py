"""What every page shows of its site: parent portal, component sites, their addresses."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import get_language

from portal import request_cache
from portal.local_cache import versioned_cache

from .models import Domain, Tenant
from .resolution import tree_version


@dataclass(frozen=True)
class SiteLink:
    name: str
    hostname: str | None
    kind: str
    depth: int = 0


# Every page carries its site's tree (cached): a portal with thousands of component
# sites (a national installation has 4,000) keeps only their count there, and lists
# them on its directory pages (site_descendants), so its other pages cost the same.
CHILD_LIST_MAX = 60


@dataclass(frozen=True)
class SiteTree:
    parent: SiteLink | None
    root: SiteLink | None
    children: list[SiteLink] = field(default_factory=list)  # empty beyond CHILD_LIST_MAX
    child_count: int = 0


def primary_hostnames(tenant_ids: list[int]) -> dict[int, str]:
    """Primary hostname per tenant id (falls back to any hostname of the tenant)."""
    hostnames: dict[int, str] = {}
    for tenant_id, hostname, is_primary in Domain.objects.filter(
        tenant_id__in=tenant_ids, redirect_to_primary=False, is_approved=True
    ).values_list("tenant_id", "hostname", "is_primary"):
        if is_primary or tenant_id not in hostnames:
            hostnames[tenant_id] = hostname
    return hostnames


def site_tree(tenant: Tenant) -> SiteTree:
    """The tenant's neighbours in the tree, cached per tenant, language and tree version.

    One query on a miss (the tenants with their primary hostnames), none on a hit; the
    number does not grow with the number of tenants. A page whose shell is missing as a
    whole reads it with the menu and the rest (portal/request_cache.py).
    """
    tree = versioned_cache.get(_tree_key(tenant))
    if tree is None and request_cache.fill_shell():  # read with the rest of the shell
        tree = versioned_cache.get(_tree_key(tenant))
    if tree is None:
        tree = keep_tree(tenant, neighbours_query(tenant))
    return tree


def keep_tree(tenant: Tenant, neighbours) -> SiteTree:
    """Build the tree and the descendants from `neighbours_query`'s rows and cache both."""
    language = get_language() or "vi"
    tree, descendants = _build(tenant, neighbours)
    versioned_cache.set(_tree_key(tenant), tree, 600)
    versioned_cache.set(_descendants_key(tenant, language), descendants, 600)
    return tree


def tree_is_cached(tenant: Tenant) -> bool:
    return versioned_cache.get(_tree_key(tenant)) is not None


def site_descendants(tenant: Tenant) -> list[SiteLink]:
    """Every site under the tenant, in tree order (directory pages), cached like the tree."""
    language = get_language() or "vi"
    descendants = versioned_cache.get(_descendants_key(tenant, language))
    if descendants is None:
        _tree, descendants = _build(tenant, neighbours_query(tenant))
        versioned_cache.set(_descendants_key(tenant, language), descendants, 600)
    return descendants


# Directory pages (/gioi-thieu/, /so-do-cong/) list the component sites by pages of this
# many: a national portal's 4,000 sites would make one page of ~600 KB.
DIRECTORY_PAGE = 100


@dataclass(frozen=True)
class DirectoryPage:
    sites: list[SiteLink]
    number: int
    pages: int
    total: int
    first_index: int  # position (from 1) of the page's first site in the whole list

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.sites) - 1

    @property
    def numbers(self) -> range:
        return range(1, self.pages + 1)


def directory_page(descendants: list[SiteLink], requested: str | None) -> DirectoryPage:
    """One page of the sites in tree order; a page number out of range (or not a number)
    gives the nearest page, never an error."""
    total = len(descendants)
    pages = max(1, -(-total // DIRECTORY_PAGE))
    try:
        number = int((requested or "1").strip()[:6])
    except ValueError:
        number = 1
    number = min(max(number, 1), pages)
    start = (number - 1) * DIRECTORY_PAGE
    return DirectoryPage(
        descendants[start : start + DIRECTORY_PAGE], number, pages, total, start + 1
    )


def _tree_key(tenant: Tenant) -> str:
    return f"tenants:v{tree_version()}:site-tree:{tenant.pk}:{get_language() or 'vi'}"


def _descendants_key(tenant: Tenant, language: str) -> str:
    return f"tenants:v{tree_version()}:site-descendants:{tenant.pk}:{language}"


def neighbours_query(tenant: Tenant) -> QuerySet:
    """One query: the site's parent, root and descendants, each with its primary
    hostname (as primary_hostnames chooses it)."""
    primary = (
        Domain.objects.filter(tenant_id=OuterRef("pk"), redirect_to_primary=False, is_approved=True)
        .order_by("-is_primary", "pk")
        .values("hostname")[:1]
    )
    return (
        Tenant.objects.filter(tree_id=tenant.tree_id, is_active=True)
        .filter(_neighbours_filter(tenant))
        .annotate(primary_hostname=Subquery(primary))
    )


def _build(tenant: Tenant, neighbours) -> tuple[SiteTree, list[SiteLink]]:
    related = list(neighbours)

    def link(t: Tenant) -> SiteLink:
        return SiteLink(
            name=t.name, hostname=t.primary_hostname, kind=t.kind, depth=t.level - tenant.level
        )

    by_id = {t.pk: t for t in related}
    # An archived site (a retired one) answers at its address but is out of the menus.
    descendants = sorted(
        (t for t in related if t.pk != tenant.pk and tenant.contains(t) and not t.is_archived),
        key=lambda t: t.lft,
    )
    children = [link(t) for t in descendants if t.parent_id == tenant.pk]
    tree = SiteTree(
        parent=link(by_id[tenant.parent_id]) if tenant.parent_id in by_id else None,
        root=next((link(t) for t in related if t.level == 0), None),
        children=children if len(children) <= CHILD_LIST_MAX else [],
        child_count=len(children),
    )
    return tree, [link(t) for t in descendants]


def _neighbours_filter(tenant: Tenant) -> Q:
    return Q(pk=tenant.parent_id) | Q(level=0) | tenant.subtree_q(include_self=False)
