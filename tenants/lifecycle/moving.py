"""The generic mover: one batch of one kind of item from a source into the target, in one
transaction with its provenance, its redirects and its progress cursor (so a crash
loses nothing and a rerun repeats nothing)."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F

from tenants.models import Provenance
from tenants.redirects import record_redirect

from .context import BatchResult, MoveContext, free_slug
from .rules import MoveRule, OnClash


def source_items(ctx: MoveContext, rule: MoveRule) -> models.QuerySet:
    """The items of the source this rule moves (a split moves only the chosen ones)."""
    queryset = rule.model._base_manager.filter(**{rule.keys[0]: ctx.source})
    if ctx.selection is not None:
        queryset = queryset.filter(pk__in=ctx.selection.get(rule.label, []))
    return queryset


def key_of(obj: models.Model, rule: MoveRule) -> tuple | None:
    """The unique key of an item within its site; None when a part is NULL (never clashes)."""
    if not rule.unique:
        return None
    key = tuple(getattr(obj, name) for name in _attnames(rule))
    return None if any(part is None for part in key) else key


def _attnames(rule: MoveRule) -> list[str]:
    meta = rule.model._meta
    return [meta.get_field(name).attname for name in rule.unique]


def clashes(ctx: MoveContext, rule: MoveRule, batch: list[models.Model]) -> dict:
    """key → the target's item holding it, for the keys of this batch."""
    keys = {key for obj in batch if (key := key_of(obj, rule)) is not None}
    if not keys:
        return {}
    names = _attnames(rule)
    lookup = {f"{name}__in": {key[i] for key in keys} for i, name in enumerate(names)}
    found = rule.model._base_manager.filter(tenant=ctx.target, **lookup)
    return {key: obj for obj in found if (key := key_of(obj, rule)) in keys}


def url_of(rule: MoveRule, obj: models.Model) -> str:
    return rule.url(obj) if rule.url else ""


def move_batch(ctx: MoveContext, rule: MoveRule) -> BatchResult:
    """Move the next batch of `rule`'s items past the step's cursor; done when none is left."""
    step = ctx.step(rule)
    batch = list(
        source_items(ctx, rule).filter(pk__gt=step["cursor"]).order_by("pk")[: ctx.batch_size]
    )
    if not batch:
        with transaction.atomic():
            ctx.save_progress(rule, BatchResult(done=True), step["cursor"])
        return BatchResult(done=True)
    with transaction.atomic():
        result = _move(ctx, rule, batch)
        result.done = len(batch) < ctx.batch_size
        ctx.save_progress(rule, result, batch[-1].pk)
    return result


def _move(ctx: MoveContext, rule: MoveRule, batch: list[models.Model]) -> BatchResult:
    model = rule.model
    manager = model._base_manager
    mode = ctx.clash_mode(rule)
    found = clashes(ctx, rule, batch)
    plain: list[int] = []
    renamed: dict[int, str] = {}
    merged: dict[int, models.Model] = {}
    skipped: set[int] = set()
    for obj in batch:
        other = found.get(key_of(obj, rule))
        if other is None:
            plain.append(obj.pk)
        elif mode == OnClash.RENAME:
            renamed[obj.pk] = _free_slug(ctx, rule, obj)
        elif mode == OnClash.MERGE:
            merged[obj.pk] = other
        elif mode == OnClash.SUM:
            manager.filter(pk=other.pk).update(
                **{name: F(name) + getattr(obj, name) for name in rule.sum_fields}
            )
            merged[obj.pk] = other
        else:  # OnClash.SKIP: the item stays on the archive as it is.
            skipped.add(obj.pk)
    moving = [*plain, *renamed]
    if rule.before_move and moving:
        rule.before_move(manager.filter(pk__in=moving), ctx.target)
    manager.filter(pk__in=plain).update(tenant=ctx.target)
    for pk, slug in renamed.items():
        manager.filter(pk=pk).update(tenant=ctx.target, **{rule.slug_field: slug})
    for field_name, label in rule.remap.items():
        for old, new in ctx.merged_map(label).items():
            manager.filter(pk__in=moving, **{f"{field_name}_id": old}).update(
                **{f"{field_name}_id": new}
            )
    moved_or_merged = [obj for obj in batch if obj.pk not in skipped]
    redirects = _record(ctx, rule, moved_or_merged, renamed, merged)
    if mode == OnClash.SUM and merged:
        manager.filter(pk__in=list(merged)).delete()
    return BatchResult(moved=len(moving) + len(merged), redirects=redirects)


def _free_slug(ctx: MoveContext, rule: MoveRule, obj: models.Model) -> str:
    manager = rule.model._base_manager
    max_length = rule.model._meta.get_field(rule.slug_field).max_length or 50
    return free_slug(
        getattr(obj, rule.slug_field),
        ctx.source.slug,
        max_length,
        lambda slug: manager.filter(tenant=ctx.target, **{rule.slug_field: slug}).exists(),
    )


def _record(
    ctx: MoveContext,
    rule: MoveRule,
    batch: list[models.Model],
    renamed: dict[int, str],
    merged: dict[int, models.Model],
) -> int:
    """Provenance of every moved item; a redirect for each whose path changed."""
    label = rule.model._meta.label_lower
    old_host, new_host = ctx.source_hosts[0] if ctx.source_hosts else "", ctx.target_host
    rows, redirects = [], 0
    for obj in batch:
        old_path = url_of(rule, obj)
        if obj.pk in renamed:
            setattr(obj, rule.slug_field, renamed[obj.pk])
        other = merged.get(obj.pk)
        new_path = url_of(rule, other if other is not None else obj)
        # A split leaves the source live: a moved item's old URL needs its own row.
        changed = bool(old_path) and (old_path != new_path or ctx.selection is not None)
        if changed:
            for host in ctx.source_hosts:
                record_redirect(
                    hostname=host,
                    path=old_path,
                    target_host=new_host,
                    target_path=new_path,
                    reason=ctx.reason,
                    tenant=ctx.target,
                )
                redirects += 1
        if other is not None:
            ctx.remember_merge(rule.label, obj.pk, other.pk)
        rows.append(
            Provenance(
                operation=ctx.operation,
                model_label=label,
                object_id=str(obj.pk),
                former_tenant=ctx.source,
                former_name=ctx.source.name,
                former_url=f"{old_host}{old_path}" if old_path else "",
                new_url=f"{new_host}{new_path}" if new_path else "",
                path_changed=changed,
                merged_into=str(other.pk) if other is not None else "",
            )
        )
    Provenance.objects.bulk_create(rows, ignore_conflicts=True)
    return redirects
