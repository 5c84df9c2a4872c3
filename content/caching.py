"""A content version per tenant: cached menus and home blocks key on it, changes bump it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import get_language

from portal import page_cache, replicas, versions
from portal.cache_dependencies import LINEAGE, SITE, Depends
from portal.local_cache import versioned_cache


def _key(tenant_id: int) -> str:
    return f"content:version:{tenant_id}"


def version(tenant_id: int) -> int:
    return versions.current(_key(tenant_id))


def bump(*tenant_ids: int | None) -> None:
    ids = {t for t in tenant_ids if t}
    for tenant_id in ids:
        versions.bump(_key(tenant_id))
    page_cache.bump(ids)  # bulk writes (seed_bulk, syndication) reach whole pages too


def fragment_key(tenant_id: int) -> str:
    """Key part for a `{% cache %}` fragment built from `cached` data: same life."""
    return f"{tenant_id}:{get_language() or 'vi'}:v{version(tenant_id)}"


def _cached_key(tenant_id: int, name: str) -> str:
    return f"content:{name}:{tenant_id}:{get_language() or 'vi'}:v{version(tenant_id)}"


def cached(tenant_id: int, name: str, build, timeout: int = 600):
    """`build()` cached per tenant, language and content version."""
    value = peek(tenant_id, name)
    if value is None:
        value = build()
        keep(tenant_id, name, value, timeout)
    return value


def peek(tenant_id: int, name: str):
    """What `cached` holds under that name, or None (for a caller that builds several
    values in one query)."""
    return versioned_cache.get(_cached_key(tenant_id, name))


def keep(tenant_id: int, name: str, value, timeout: int = 600) -> None:
    versioned_cache.set(_cached_key(tenant_id, name), value, timeout)


def bump_on_change(*tenant_ids: int | None) -> None:
    """Bump now (this request sees the change) and again after commit (so a page cached
    by another request between the two does not keep the old content)."""
    bump(*tenant_ids)
    transaction.on_commit(lambda: bump(*tenant_ids))
    transaction.on_commit(lambda: replicas.delayed_bump(bump, *tenant_ids))  # replica lag


# What public pages show (portal/cache_dependencies.py): a site's news, blocks and about
# pages appear on it and, aggregated, on its ancestors.
PAGE_DEPENDENCIES = (
    *(
        Depends(f"content.{name}", scope=LINEAGE)
        for name in (
            "OrgUnit",
            "Leader",
            "ContactOfficial",
            "HistoryEntry",
            "LocalityPage",
            "Article",
            "Syndication",
            "Category",
            "Link",
            "Banner",
            "Alert",
            "Image",
        )
    ),
    Depends("content.ArticleAttachment", scope=LINEAGE, site="article.tenant_id"),
    Depends("content.SiteHero", scope=SITE),  # its own home page only
)
NOT_SHOWN = ("content.ArticleRevision",)


def page_keys(tenant) -> list[str]:
    """Read by every page of the site (portal/request_cache.py): its content version."""
    return [_key(tenant.pk)]


def shell_parts(tenant) -> list:
    """The menu's categories, when the menu is missing, read with the rest of the shell
    (portal/request_cache.py)."""
    from functools import partial

    from portal.request_cache import ShellPart

    from . import navigation

    if peek(tenant.pk, "menu") is not None:
        return []
    return [ShellPart(navigation.menu_query(tenant), partial(navigation.keep_menu, tenant))]
