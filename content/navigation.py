"""Menu entries: the category tree (categories marked "hiện trên menu") and the news page."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from portal import request_cache
from portal.hooks import MenuItem

from . import caching
from .models import Category


def menu_query(tenant) -> QuerySet:
    """The categories of the menu: roots and their children marked "hiện trên menu"."""
    return (
        Category.objects.for_tenant(tenant)
        .filter(in_menu=True, level__lte=1)
        .order_by("tree_id", "lft")
    )


def _build(categories) -> list[MenuItem]:
    nodes = sorted(categories, key=lambda n: (n.tree_id, n.lft))
    roots = [n for n in nodes if n.level == 0]
    items = [MenuItem(label=_("Tin tức"), url=reverse("content:latest"), order=20)]
    for position, root in enumerate(roots):
        children = tuple(
            MenuItem(label=c.name, url=c.get_absolute_url())
            for c in nodes
            if c.parent_id == root.pk
        )
        items.append(
            MenuItem(
                label=root.name, url=root.get_absolute_url(), order=30 + position, children=children
            )
        )
    return items


def menu_version(tenant) -> str:
    return str(caching.version(tenant.pk))


def menu_items(tenant) -> list[MenuItem]:
    """Cached per site, language and content version; on a miss, read with the rest of
    the page's shell when that is missing too (portal/request_cache.py)."""
    items = caching.peek(tenant.pk, "menu")
    if items is None and request_cache.fill_shell():
        items = caching.peek(tenant.pk, "menu")
    if items is None:
        items = keep_menu(tenant, menu_query(tenant))
    return items


def keep_menu(tenant, categories) -> list[MenuItem]:
    items = _build(categories)
    caching.keep(tenant.pk, "menu", items)
    return items
