"""Page-cache declarations of the tenant tree (portal/cache_dependencies.py). The tree's
own version (tenants/resolution.py) is part of every page key as well."""

from portal.cache_dependencies import ALL, LINEAGE, Depends

PAGE_DEPENDENCIES = (
    Depends("tenants.Tenant", scope=ALL),  # names, parents, settings: menus of every site
    Depends("tenants.Domain", scope=ALL),
    Depends("tenants.FormerName", scope=LINEAGE),  # the history block of About pages
    Depends("tenants.Provenance", scope=ALL),
)
NOT_SHOWN = ("tenants.Membership", "tenants.SiteOperation", "tenants.UrlRedirect")


def shell_parts(tenant) -> list:
    """The site tree of the header and footer, when missing, read with the rest of the
    shell (portal/request_cache.py)."""
    from functools import partial

    from portal.request_cache import ShellPart

    from .site import keep_tree, neighbours_query, tree_is_cached

    if tree_is_cached(tenant):
        return []
    return [ShellPart(neighbours_query(tenant), partial(keep_tree, tenant))]
