"""Split: chosen categories (with their articles) or items of one site move to another
site, new or existing, with the same preview, provenance and redirects as a merge. The
source stays live; each moved item's old URL answers 301 to its new one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from tenants.models import OperationKind, SiteOperation, Tenant

from .merge import start_operation
from .plan import MergePlan, NewSite, build_plan
from .rules import How, all_rules

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Derived rows that follow the moved items (their mover reads the operation's provenance).
FOLLOWERS = ("search.SearchEntry",)


def split_selection(
    source: Tenant, *, categories: Iterable[int] = (), items: dict[str, list[int]] | None = None
) -> tuple[dict[str, list[int]], list[str]]:
    """The items a split takes (model label → primary keys of `source`'s rows), and the
    problems with the choice, in the user's language."""
    from content.lifecycle import split_selection as by_categories

    problems: list[str] = []
    selection = by_categories(source, list(categories))
    rules = all_rules()
    for label, pks in (items or {}).items():
        rule = rules.get(label)
        if rule is None or rule.how != How.MOVE or rule.keys != ("tenant",):
            problems.append(_("Không tách riêng được loại mục %(label)s.") % {"label": label})
            continue
        owned = rule.model._base_manager.filter(tenant=source, pk__in=list(pks))
        found = set(owned.values_list("pk", flat=True))
        if len(found) < len(set(pks)):
            problems.append(
                _("Có mục không thuộc %(site)s hoặc không còn tồn tại.") % {"site": source.name}
            )
        selection[label] = sorted(set(selection.get(label, [])) | found)
    selection = {label: pks for label, pks in selection.items() if pks}
    if not selection:
        problems.append(_("Chọn ít nhất một chuyên mục hoặc một mục để tách."))
    for label in FOLLOWERS:
        selection.setdefault(label, [])
    return selection, problems


def plan_split(
    source: Tenant,
    target: Tenant | NewSite,
    *,
    categories: Iterable[int] = (),
    items: dict[str, list[int]] | None = None,
    unfinished: str = "move",
) -> MergePlan:
    """A dry run of a split: counts by kind, clashes with the target, redirects. Writes nothing."""
    selection, problems = split_selection(source, categories=categories, items=items)
    plan = build_plan([source], target, unfinished=unfinished, selection=selection)
    plan.errors = problems + plan.errors
    return plan


def split_site(
    source: Tenant,
    target: Tenant | NewSite,
    *,
    by: User | None = None,
    plan: MergePlan,
    run: bool = True,
) -> SiteOperation:
    """Record a split (LifecycleError when the plan refuses it) and run it in the
    background; `merge.execute` runs and resumes it like a merge."""
    return start_operation(OperationKind.SPLIT, [source], target, by=by, plan=plan, run=run)
