"""Small helpers the apps' MOVE_RULES share."""

from __future__ import annotations

from django.db import models


def unfinished_workflow(items: models.QuerySet) -> models.QuerySet:
    """Publishable items still in draft or waiting for review (moved as they are)."""
    return items.filter(status__in=("draft", "pending"), deleted_at__isnull=True)


def absolute_url(obj: models.Model) -> str:
    return obj.get_absolute_url()


def move_unless_target_has_one(ctx, rule):
    """One-per-site rows (settings): the source's moves only if the target has none."""
    from .context import BatchResult

    manager = rule.model._base_manager
    if manager.filter(tenant=ctx.target).exists():
        return BatchResult(done=True)
    moved = manager.filter(tenant=ctx.source).update(tenant=ctx.target)
    return BatchResult(moved=moved, done=True)
