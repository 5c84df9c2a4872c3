"""How each tenant-owned model moves when sites merge or split: one `MoveRule` per model,
declared by its app in `<app>/lifecycle.py: MOVE_RULES` and found by `all_rules()`.

A test walks every model with a foreign key to `Tenant` and fails when one has no rule
(or a rule that does not say what happens to each such key), so a new model cannot be
forgotten by a merge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

if TYPE_CHECKING:
    from .context import BatchResult, MoveContext


class How(StrEnum):
    MOVE = "move"  # the item's tenant becomes the target; clashes follow `on_clash`
    STAY = "stay"  # the item stays with the retired site (its archive); `reason` says why
    CUSTOM = "custom"  # `mover` does it (trees, derived rows such as search entries)
    REPOINT = "repoint"  # only the `repoint` keys change: source → target, wherever the row is


class OnClash(StrEnum):
    """What happens when the target already holds an item with the same unique key."""

    RENAME = "rename"  # the moved item gets a free slug; its old URL answers 301
    MERGE = "merge"  # the target's item stands for both; the old URL answers 301 to it
    SKIP = "skip"  # the source's item stays on the archive (a role already held, …)
    SUM = "sum"  # counters are added into the target's row (statistics)


@dataclass(frozen=True)
class MoveRule:
    label: str  # "content.Article"
    how: How = How.MOVE
    keys: tuple[str, ...] = ("tenant",)  # the keys to Tenant that `how` applies to
    kind: Any = ""  # what the preview calls these items (a lazy string)
    unique: tuple[str, ...] = ()  # fields unique together with `tenant`
    on_clash: OnClash = OnClash.RENAME
    slug_field: str = "slug"
    sum_fields: tuple[str, ...] = ()
    url: Callable[[models.Model], str] | None = None  # public path of one item
    remap: dict[str, str] = field(default_factory=dict)  # FK field → label of merged items
    repoint: tuple[str, ...] = ()  # other keys to Tenant: source → target
    before_move: Callable[[models.QuerySet, Any], None] | None = None
    unfinished: Callable[[models.QuerySet], models.QuerySet] | None = None
    mover: Callable[[MoveContext, MoveRule], BatchResult] | None = None
    reason: Any = ""  # why an item stays (STAY)
    order: int = 100  # categories before articles, search entries last

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    def covered_keys(self) -> set[str]:
        """The foreign keys to Tenant whose fate this rule states."""
        keys = set(self.repoint)
        if self.how != How.REPOINT:
            keys.update(self.keys)
        return keys


def all_rules() -> dict[str, MoveRule]:
    """Every app's MOVE_RULES, keyed by model label, in the order a merge applies them."""
    from portal.hooks import app_modules

    found: dict[str, MoveRule] = {}
    for module in app_modules("lifecycle"):
        for rule in getattr(module, "MOVE_RULES", ()):
            if rule.label in found:
                raise ValueError(f"Two move rules for {rule.label}")
            found[rule.label] = rule
    return dict(sorted(found.items(), key=lambda item: (item[1].order, item[0])))


def tenant_keys(model: type[models.Model]) -> list[str]:
    """Names of the model's concrete foreign keys to Tenant."""
    from tenants.models import Tenant

    return [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is Tenant and f.many_to_one
    ]


def models_with_tenant_keys() -> list[type[models.Model]]:
    """Concrete, non-proxy models holding a foreign key to Tenant (tests walk these)."""
    return [
        model
        for model in apps.get_models()
        if not model._meta.proxy
        and not model.__module__.startswith("tests.")  # test-only tables
        and tenant_keys(model)
    ]


def missing_rules() -> list[str]:
    """Human-readable gaps: a model with no rule, or a key to Tenant no rule speaks of."""
    rules = all_rules()
    gaps = []
    for model in models_with_tenant_keys():
        label = model._meta.label
        rule = rules.get(label)
        if rule is None:
            gaps.append(f"{label}: no MoveRule (add one to {model._meta.app_label}/lifecycle.py)")
            continue
        for key in tenant_keys(model):
            if key not in rule.covered_keys():
                gaps.append(f"{label}.{key}: the rule does not say what happens to this key")
    return gaps
