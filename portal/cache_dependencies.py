"""What invalidates a cached public page: one declaration per app, read here.

Every project app with models declares in ``<app>/caching.py``:

- ``PAGE_DEPENDENCIES``: ``Depends(...)`` for each model a public page shows (a save,
  delete or many-to-many change of one bumps the page version of the sites it reaches),
  and for each signal that announces a change made without a model signal
  (``Depends(signal=..., scope=...)``: bulk updates, a catalogue sync);
- ``NOT_SHOWN``: models no public page shows (audit, credentials, queues...);
- ``TIME_BOUND``: models shown but refreshed only by the cache's lifetime
  (``PAGE_CACHE_SECONDS``), e.g. visit counters written every few minutes.

Code that changes shown rows behind the ORM's back (``queryset.update()``,
``bulk_create``) calls ``changed(site_ids)`` or ``changed(everywhere=True)``.

The whole-response cache (portal/page_cache.py) keys on the tenant tree's version
(any Tenant/Domain change), the all-sites page version and the site's page version:
the only counters bumped here. ``undeclared_models()`` lists models nobody classified
(a test fails on it), ``DEPENDENCY_KEYS`` the counters a page entry may be stored under.

Scopes: ``SITE`` the item's site; ``LINEAGE`` the site and its ancestors (a province
lists its communes' news); ``FAMILY`` ancestors and the whole subtree (a provincial
document is shown on every commune); ``ALL`` every site (shared catalogues).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

from . import page_cache, replicas
from .hooks import app_modules

SITE, LINEAGE, FAMILY, ALL = "site", "lineage", "family", "all"
DEPENDENCY_KEYS = ("tenants:tree-version", page_cache.ALL_VERSION, page_cache.SITE_VERSION)


@dataclass(frozen=True)
class Depends:
    """`model` ("app.Model") or `signal` (sent with `instance=` or `site_ids=`)."""

    model: str = ""
    scope: str = LINEAGE
    site: str = "tenant_id"  # attribute path from the row to its site's id
    signal: Signal | None = None


def changed(site_ids: Iterable[int | None] = (), *, scope: str = SITE, everywhere=False):
    """Bump the page versions now (this request sees its change) and again on commit (a
    page rendered from the old rows by another request meanwhile is not kept)."""
    if not page_cache.enabled() and not replicas.replica_aliases():
        return
    if everywhere or scope == ALL:
        ids: list[int] = []
        everywhere = True
    else:
        ids = _reach([i for i in site_ids if i], scope)
        if not ids:
            return
    page_cache.bump(ids, everywhere=everywhere)
    transaction.on_commit(lambda: page_cache.bump(ids, everywhere=everywhere))
    # and once more when replicas have replayed it (a page read from a lagging replica)
    transaction.on_commit(
        lambda: replicas.delayed_bump(page_cache.bump, ids, everywhere=everywhere)
    )


def _reach(site_ids: list[int], scope: str) -> list[int]:
    if scope == SITE or not site_ids:
        return sorted(set(site_ids))
    from tenants.models import Tenant

    reach = Q()
    for site in Tenant.objects.filter(pk__in=site_ids).only("tree_id", "lft", "rght"):
        reach |= site.ancestors_q()  # itself and up
        if scope == FAMILY:
            reach |= site.subtree_q(include_self=False)
    found = set(Tenant.objects.filter(reach).values_list("pk", flat=True)) if reach else set()
    return sorted(found | set(site_ids))


def _site_of(instance, path: str) -> int | None:
    value = instance
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _receiver(dependency: Depends):
    def receiver(sender, instance=None, site_ids=None, **kwargs) -> None:
        if kwargs.get("action", "post_").startswith("pre_"):
            return  # m2m_changed: once, after the change
        if dependency.scope == ALL:
            changed(everywhere=True)
            return
        if site_ids is None:
            site_id = _site_of(instance, dependency.site) if instance is not None else None
            if site_id is None:  # a row of no site (or not found): all sites, to be safe
                changed(everywhere=True)
                return
            site_ids = [site_id]
        changed(site_ids, scope=dependency.scope)

    return receiver


def _declarations(name: str) -> list:
    found = []
    for module in app_modules("caching"):
        found.extend(getattr(module, name, ()))
    return found


@cache
def connect() -> int:
    """Connect a receiver per declaration (PortalConfig.ready); the number connected."""
    count = 0
    for dependency in _declarations("PAGE_DEPENDENCIES"):
        receiver = _receiver(dependency)
        uid = f"page-cache:{dependency.model or id(dependency.signal)}"
        if dependency.signal is not None:
            dependency.signal.connect(receiver, weak=False, dispatch_uid=uid)
        else:
            model = apps.get_model(dependency.model)
            post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
            post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid)
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    receiver,
                    sender=field.remote_field.through,
                    weak=False,
                    dispatch_uid=f"{uid}:{field.name}",
                )
        count += 1
    return count


def declared_models() -> dict[str, set[str]]:
    return {
        "shown": {d.model for d in _declarations("PAGE_DEPENDENCIES") if d.model},
        "not_shown": set(_declarations("NOT_SHOWN")),
        "time_bound": set(_declarations("TIME_BOUND")),
    }


def undeclared_models() -> list[str]:
    """Models of the project's apps that no `<app>/caching.py` classifies."""
    declared = set().union(*declared_models().values())
    project_apps = {module.__name__.rsplit(".", 1)[0] for module in app_modules("models")}
    project_apps |= {module.__name__.rsplit(".", 1)[0] for module in app_modules("apps")}
    return sorted(
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_config.name in project_apps and model._meta.label not in declared
    )
