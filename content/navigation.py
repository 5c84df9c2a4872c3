"""Menu entries: the category tree (categories marked "hiện trên menu") and the news page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.hooks import MenuItem

from . import caching
from .models import Category


def _build(tenant) -> list[MenuItem]:
    nodes = list(
        Category.objects.for_tenant(tenant)
        .filter(in_menu=True, level__lte=1)
        .order_by("tree_id", "lft")
    )
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
    return caching.cached(tenant.pk, "menu", lambda: _build(tenant))
