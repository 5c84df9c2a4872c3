"""Extension points that apps fill from modules of their own, so that no app edits a
shared file to appear on every site. This is the one list of them.

An installed app contributes by defining any of these modules (HOOK_MODULES below is the
same list, checked: asking for a module not in it is an error, and a hook module that
fails to import raises instead of being skipped):

- ``<app>/navigation.py``: ``menu_items(tenant) -> list[MenuItem]`` — the main menu.
  Called when the menu's HTML is not cached: cache what you query (key on tenant and
  language). Items built from data also need ``menu_version(tenant) -> str``, which
  changes when they do: the menu's HTML is cached under it (base.html, `menu_key`).
- ``<app>/sections.py``: ``home_sections(request)``, ``about_sections(request)``,
  ``footer_sections(request)``, ``page_end_sections(request)`` -> ``list[Section]`` —
  blocks of the home page, the About page, every footer and every page's end;
  ``feed_entries(tenant) -> list[FeedEntry]`` — entries every site-wide feed (RSS,
  Atom, JSON Feed of content/feeds.py) carries first, e.g. planned downtime. Called on
  every feed request: serve it from the cache.
- ``<app>/demo.py``: ``seed(tenants: dict[str, Tenant], out) -> None`` — demo data,
  called by ``manage.py seed_demo`` after the tenant tree exists; must be idempotent.
- ``<app>/schedule.py``: ``SCHEDULE: dict`` — Celery beat entries (portal/celery.py).
- ``<app>/sitemaps.py``: ``sitemaps(tenant) -> dict[str, Sitemap]`` — sections of the
  sitemap index ``/sitemap.xml``, each served as ``/sitemap-<name>.xml?p=N`` (pages of
  ``Sitemap.limit`` items; keep ``items()`` a lazy, ordered QuerySet) and cached
  (portal/sitemaps.py).
- ``<app>/caching.py``: ``version(tenant_id) -> int`` — a counter the app bumps when its
  public items change; part of the sitemap cache keys (portal/sitemaps.py);
  ``next_change(tenant, after: float) -> datetime | None`` — the first moment later than
  the UNIX time ``after`` when the site's public pages change with no save (a notice
  appearing or going): no cached page outlives it (portal/page_cache.py). Called when
  a page is stored: serve it from the cache.
  ``guard_cached_answer(request) -> HttpResponse | None`` — asked before the page cache
  serves a stored answer (no site resolved yet): an answer it returns is sent instead,
  e.g. the API's rate limit and Accept check (api/caching.py); keep it to cache reads.
  ``shell_parts(tenant) -> list[ShellPart]`` — what every page of the site reads from
  the database that is missing from the cache (a query and what keeps its value): all
  apps' missing parts are read in one statement (portal/request_cache.py).
  (Also PAGE_DEPENDENCIES, NOT_SHOWN and
  TIME_BOUND: portal/cache_dependencies.py.)
- ``<app>/search_index.py``: ``SOURCES: list[SearchSource]`` — what the site search
  finds and how it stays current (search/registry.py).
- ``<app>/citizen_data.py``: ``my_items(citizen) -> list[CitizenItem]`` and
  ``erase(citizen) -> int`` — a signed-in citizen's own data (citizens/accounts.py).
- ``<app>/lifecycle.py``: ``MOVE_RULES: list[MoveRule]`` — what moves when sites merge
  or split (tenants/lifecycle/rules.py).
- ``<app>/stats.py``: what the compliance module measures (docs/compliance.md), each
  optional — ``section_counts(tenant)``, ``section_admin_url(code)``,
  ``last_updated(tenant)``, ``late_records(tenant_ids, since)``, and the app-specific
  ``online_share`` (procedures), ``overdue_inquiries`` (dialogue),
  ``stale_translations`` (content). Read with ``app_function(app, "stats", name)``:
  an app without the module or the function leaves the indicator "not measured".
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


@dataclass(frozen=True)
class FeedEntry:
    """An item of a site's feeds that is not an article (content/feeds.py)."""

    title: str
    description: str
    link: str  # a path on the site, unique per entry (also its id)
    pubdate: Any  # aware datetime
    categories: tuple[str, ...] = ()


def collect_feed_entries(tenant) -> list[FeedEntry]:
    entries: list[FeedEntry] = []
    for function in hook_functions("sections", "feed_entries"):
        entries.extend(function(tenant))
    return entries


HOOK_MODULES = frozenset(
    {
        "navigation",
        "sections",
        "demo",
        "schedule",
        "sitemaps",
        "caching",
        "search_index",
        "citizen_data",
        "lifecycle",
        "stats",
    }
)


# Django's own modules, which code walking the project's apps may ask for as well
# (portal/cache_dependencies.py lists the apps that have models).
DJANGO_MODULES = frozenset({"apps", "models"})


class UnknownHook(LookupError):
    """A hook module that is not in the documented list above."""


@cache
def app_modules(module_name: str) -> tuple[Any, ...]:
    """`<app>.<module_name>` for every installed project app that has one, in app order.
    An app without the module is skipped; a module that fails to import raises."""
    if module_name not in HOOK_MODULES | DJANGO_MODULES:
        raise UnknownHook(f"{module_name!r} is not a hook module: list it in portal/hooks.py")
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


def app_module(app_label: str, module_name: str) -> Any | None:
    """`<app_label>.<module_name>`, or None when the app is not installed or lacks it."""
    wanted = f"{app_label}.{module_name}"
    return next((m for m in app_modules(module_name) if m.__name__ == wanted), None)


def app_function(app_label: str, module_name: str, name: str) -> Callable[..., Any] | None:
    """One app's hook function (`app_function("procedures", "stats", "online_share")`),
    or None when the app does not provide it."""
    function = getattr(app_module(app_label, module_name), name, None)
    return function if callable(function) else None


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


def menu_version(tenant) -> str:
    """What the main menu's HTML is cached under, besides site and language."""
    versions = hook_functions("navigation", "menu_version")
    return ".".join(str(function(tenant)) for function in versions)


def collect_menu(tenant) -> list[MenuItem]:
    items: list[MenuItem] = []
    for function in hook_functions("navigation", "menu_items"):
        items.extend(function(tenant))
    return sorted(items, key=lambda item: item.order)


def _project_root():
    from django.conf import settings

    return settings.BASE_DIR
