"""How the search index follows a site merge (see tenants/lifecycle/rules.py): entries of
moved items follow them, those whose URL changed are rebuilt, the rest of the retired
site's entries leave the index (what stays on an archive is not searched)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from tenants.lifecycle.context import BatchResult, MoveContext
from tenants.lifecycle.rules import How, MoveRule, OnClash
from tenants.models import Provenance

from . import results_cache
from .indexing import reindex_many
from .models import SearchEntry


def move_entries(ctx: MoveContext, rule: MoveRule) -> BatchResult:
    moved_items = Provenance.objects.filter(
        operation=ctx.operation, former_tenant=ctx.source, merged_into=""
    )
    followed = (
        SearchEntry.objects.filter(tenant=ctx.source)
        .filter(
            Exists(
                moved_items.filter(
                    model_label=OuterRef("model_label"), object_id=OuterRef("object_id")
                )
            )
        )
        .update(tenant=ctx.target, tree_id=ctx.target.tree_id)
    )
    renamed: dict[str, list[str]] = {}
    for label, pk in moved_items.filter(path_changed=True).values_list("model_label", "object_id"):
        renamed.setdefault(label, []).append(pk)
    for label, pks in renamed.items():
        reindex_many(label, pks)
    if ctx.selection is None:
        SearchEntry.objects.filter(tenant=ctx.source).delete()
    results_cache.index_changed()
    return BatchResult(moved=followed, done=True)


MOVE_RULES = [
    MoveRule(
        "search.SearchEntry",
        how=How.CUSTOM,
        kind=_("Mục tìm kiếm"),
        mover=move_entries,
        order=900,
    ),
    MoveRule(
        "search.SearchQueryStat",
        kind=_("Thống kê từ khóa tìm kiếm"),
        unique=("week", "query"),
        on_clash=OnClash.SUM,
        sum_fields=("searches", "zero_results"),
    ),
]
