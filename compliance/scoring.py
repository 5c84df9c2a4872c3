"""Measuring a site, scoring its results, rolling scores up over a subtree, the trend.

Scores are 0–100. An axis score is the weighted mean of its indicators' points (pass 1,
partial 0.5, fail 0); "not applicable" and "not measured" are left out, so a check that
could not run neither helps nor hurts. The overall score is the mean of the axes that
have a score (the three axes of Decree 224 Art. 12(2) weigh the same).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Avg
from django.db.models.functions import TruncMonth
from django.utils import timezone

from tenants.models import Tenant

from . import accessibility
from .catalogue import catalogue_for, province_catalogue_for
from .checks import CheckContext, run_check
from .models import STATUS_POINTS, Axis, CheckStatus, IndicatorResult, MeasurementRun

if TYPE_CHECKING:
    from django.contrib.auth.models import User

AXES = [axis for axis, _label in Axis.choices]


def axis_scores(results: list[tuple[str, float, str]]) -> dict[str, float | None]:
    """{"a": .., "b": .., "c": .., "overall": ..} from (axis, weight, status) triples."""
    scores: dict[str, float | None] = {}
    for axis in AXES:
        weighted = [
            (w, STATUS_POINTS[s]) for a, w, s in results if a == axis and s in STATUS_POINTS
        ]
        total = sum(w for w, _p in weighted)
        scores[axis] = round(sum(w * p for w, p in weighted) / total * 100, 1) if total else None
    present = [scores[axis] for axis in AXES if scores[axis] is not None]
    scores["overall"] = round(sum(present) / len(present), 1) if present else None
    return scores


def measure_sites(tenants: Iterable[Tenant], *, by: User | None = None) -> list[MeasurementRun]:
    """Measure several sites one after the other, sharing what does not change between
    them: each province's catalogue is read once and one browser runs the accessibility
    checks of every site (compliance/accessibility.py). Same results as `measure_site`."""
    catalogues: dict[int, list | None] = {}
    runs = []
    with accessibility.shared_browser():
        for tenant in tenants:
            if tenant.tree_id not in catalogues:
                catalogues[tenant.tree_id] = _province_catalogue(tenant)
            runs.append(measure_site(tenant, by=by, catalogue=catalogues[tenant.tree_id]))
    return runs


def _province_catalogue(tenant: Tenant) -> list | None:
    root = tenant if tenant.parent_id is None else tenant.get_root()
    try:
        return province_catalogue_for(root)
    except Exception:  # noqa: BLE001 - measure_site reads it again and records the failure
        return None


def measure_site(
    tenant: Tenant, *, by: User | None = None, catalogue: list | None = None
) -> MeasurementRun:
    """Run every active indicator of the site's catalogue and store the run (history).
    `catalogue`: its province's active indicators, when the caller has read them."""
    started = time.monotonic()
    run = MeasurementRun.objects.create(tenant=tenant, triggered_by=by)
    try:
        context = CheckContext(tenant=tenant)
        results = []
        for indicator in catalogue_for(tenant, catalogue):
            context.threshold_pass = indicator.threshold_pass
            context.threshold_partial = indicator.threshold_partial
            context.params = indicator.params or {}
            outcome = run_check(indicator.check_key, context)
            results.append(
                IndicatorResult(
                    run=run,
                    indicator=indicator,
                    code=indicator.code,
                    name_vi=indicator.name_vi or indicator.name,
                    name_en=indicator.name_en or "",
                    axis=indicator.axis,
                    legal_basis=indicator.legal_basis,
                    weight=float(indicator.weight),
                    status=outcome.status,
                    value=outcome.value,
                    summary=outcome.summary[:500],
                    evidence=outcome.evidence,
                    fix_url=outcome.fix_url[:300],
                )
            )
        IndicatorResult.objects.bulk_create(results)
        scores = axis_scores([(r.axis, r.weight, r.status) for r in results])
        run.score_a, run.score_b, run.score_c = scores["a"], scores["b"], scores["c"]
        run.score = scores["overall"]
        run.state = MeasurementRun.State.DONE
    except Exception as exc:  # noqa: BLE001 - a failed run is recorded, not lost
        run.state = MeasurementRun.State.FAILED
        run.error = f"{type(exc).__name__}: {exc}"[:2000]
    run.finished_at = timezone.now()
    run.duration_ms = int((time.monotonic() - started) * 1000)
    run.save()
    return run


# --- reading scores ------------------------------------------------------------------


SCORE_FIELDS = ("tenant_id", "pk", "started_at", "score_a", "score_b", "score_c", "score")


def latest_runs(tenant_ids) -> dict[int, dict]:
    """The latest finished run of each tenant, one query whatever the number of tenants."""
    queryset = MeasurementRun.objects.filter(
        tenant_id__in=tenant_ids, state=MeasurementRun.State.DONE
    )
    if connection.vendor == "postgresql":
        rows = (
            queryset.order_by("tenant_id", "-started_at")
            .distinct("tenant_id")
            .values(*SCORE_FIELDS)
        )
        return {row["tenant_id"]: row for row in rows}
    latest: dict[int, dict] = {}
    for row in queryset.order_by("-started_at").values(*SCORE_FIELDS):
        latest.setdefault(row["tenant_id"], row)
    return latest


@dataclass
class Rollup:
    sites: int = 0
    measured: int = 0
    # Each site counts once: a branch with many sites weighs more (weighted by sites).
    by_site: dict[str, float | None] = field(default_factory=dict)
    # Each direct branch (and the root itself) counts once, whatever its size.
    by_branch: dict[str, float | None] = field(default_factory=dict)


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


KEYS = ("score_a", "score_b", "score_c", "score")


def rollup(root: Tenant, tenants: list[Tenant] | None = None, runs: dict | None = None) -> Rollup:
    """Scores of `root`'s subtree, both ways. Pass `tenants` and `runs` to reuse rows
    already loaded (the dashboard does, to keep its query count flat)."""
    if tenants is None:
        tenants = list(
            Tenant.objects.filter(root.subtree_q(), is_active=True).exclude(is_archived=True)
        )
    if runs is None:
        runs = latest_runs([t.pk for t in tenants])
    inside = [t for t in tenants if root.contains(t)]
    result = Rollup(sites=len(inside), measured=sum(1 for t in inside if t.pk in runs))
    for key in KEYS:
        result.by_site[key] = _mean(
            [runs[t.pk][key] for t in inside if t.pk in runs and runs[t.pk][key] is not None]
        )
        branch_means = []
        if root.pk in runs and runs[root.pk][key] is not None:
            branch_means.append(runs[root.pk][key])
        for child in (t for t in inside if t.parent_id == root.pk):
            values = [
                runs[t.pk][key]
                for t in inside
                if child.contains(t) and t.pk in runs and runs[t.pk][key] is not None
            ]
            if values:
                branch_means.append(sum(values) / len(values))
        result.by_branch[key] = _mean(branch_means)
    return result


def monthly_trend(tenant: Tenant, *, subtree: bool, months: int = 12) -> list[dict]:
    """Mean overall and axis scores per month over the last `months` months (one query)."""
    since = (timezone.now() - timedelta(days=months * 31)).replace(day=1)
    runs = MeasurementRun.objects.filter(state=MeasurementRun.State.DONE, started_at__gte=since)
    runs = runs.filter(tenant.subtree_q("tenant__")) if subtree else runs.filter(tenant=tenant)
    return list(
        runs.annotate(month=TruncMonth("started_at"))
        .values("month")
        .annotate(
            score=Avg("score"),
            score_a=Avg("score_a"),
            score_b=Avg("score_b"),
            score_c=Avg("score_c"),
        )
        .order_by("month")
    )


def status_counts(run: MeasurementRun) -> dict[str, int]:
    counts = {status: 0 for status, _label in CheckStatus.choices}
    for status in run.results.values_list("status", flat=True):
        counts[status] += 1
    return counts
