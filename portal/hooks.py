"""Extension points that apps fill from modules of their own, so that no app edits a
shared file to appear on every site.

An installed app contributes by defining any of:

- ``<app>/navigation.py``: ``menu_items(tenant) -> list[MenuItem]`` — the main menu.
  Called on every page: cache what you query (key on tenant and language).
- ``<app>/sections.py``: ``home_sections(request) -> list[Section]`` and
  ``about_sections(request) -> list[Section]`` — blocks of the home and About pages.
- ``<app>/demo.py``: ``seed(tenants: dict[str, Tenant], out) -> None`` — demo data,
  called by ``manage.py seed_demo`` after the tenant tree exists; must be idempotent.
- ``<app>/schedule.py``: ``SCHEDULE: dict`` — Celery beat entries.
- ``<app>/sitemaps.py``: ``sitemaps(tenant) -> dict[str, Sitemap]`` — sections of the
  sitemap index ``/sitemap.xml``, each served as ``/sitemap-<name>.xml?p=N`` (pages of
  ``Sitemap.limit`` items; keep ``items()`` a lazy, ordered QuerySet) and cached
  (portal/sitemaps.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    order: int = 100
    children: tuple[MenuItem, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Section:
    """A block on a page: a template and its context, rendered in `order`."""

    template: str
    context: dict[str, Any]
    order: int = 100


@cache
def app_modules(module_name: str) -> tuple[Any, ...]:
    """`<app>.<module_name>` for every installed project app that has one, in app order."""
    found = []
    for config in apps.get_app_configs():
        if not config.path.startswith(str(_project_root())) or "site-packages" in config.path:
            continue
        try:
            found.append(importlib.import_module(f"{config.name}.{module_name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{module_name}":
                raise
    return tuple(found)


def hook_functions(module_name: str, attribute: str) -> list[Callable[..., Any]]:
    return [
        getattr(module, attribute)
        for module in app_modules(module_name)
        if callable(getattr(module, attribute, None))
    ]


def collect_sections(request, attribute: str) -> list[Section]:
    sections: list[Section] = []
    for function in hook_functions("sections", attribute):
        sections.extend(function(request))
    return sorted(sections, key=lambda section: section.order)


def collect_menu(tenant) -> list[MenuItem]:
    items: list[MenuItem] = []
    for function in hook_functions("navigation", "menu_items"):
        items.extend(function(tenant))
    return sorted(items, key=lambda item: item.order)


def _project_root():
    from django.conf import settings

    return settings.BASE_DIR
