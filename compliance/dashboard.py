"""Read-side of the auditor dashboard: what a user may see, the rows of a page, the trend.

The number of queries of a dashboard page does not depend on the number of sites: the
subtree's tenants, their latest runs and the trend are one query each.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from tenants.access import visible_tenant_ids
from tenants.models import Tenant

from . import charts
from .scoring import Rollup, latest_runs, monthly_trend, rollup

PAGE_SIZE = 50


def readable_ids(user) -> frozenset[int] | None:
    return None if user.is_superuser else visible_tenant_ids(user)


def default_root(user) -> Tenant | None:
    """The highest site the user may read."""
    allowed = readable_ids(user)
    queryset = Tenant.objects.order_by("level", "tree_id", "lft")
    if allowed is not None:
        queryset = queryset.filter(pk__in=allowed)
    return queryset.first()


@dataclass
class SiteRow:
    tenant: Tenant
    scores: dict | None
    subtree: Rollup | None


@dataclass
class DashboardPage:
    root: Tenant
    rollup: Rollup
    root_scores: dict | None
    rows: list[SiteRow]
    page: object
    trend_chart: str
    trend: list[dict]


def dashboard_page(root: Tenant, user, page_number: str | int = 1) -> DashboardPage:
    allowed = readable_ids(user)
    tenants = Tenant.objects.filter(root.subtree_q()).order_by("lft")
    if allowed is not None:
        tenants = tenants.filter(pk__in=allowed)
    tenants = list(tenants)
    runs = latest_runs([t.pk for t in tenants])
    live = [t for t in tenants if t.is_active and not t.is_archived]
    # The sites listed: the root's children (or every readable site below the root when
    # the user does not read the children themselves).
    below = [t for t in tenants if t.pk != root.pk]
    children = [t for t in below if t.parent_id == root.pk] or below
    paginator = Paginator(children, PAGE_SIZE)
    page = paginator.get_page(page_number)
    rows = []
    for child in page.object_list:
        has_children = not child.is_leaf_node()
        rows.append(
            SiteRow(child, runs.get(child.pk), rollup(child, live, runs) if has_children else None)
        )
    trend = monthly_trend(root, subtree=True)
    return DashboardPage(
        root=root,
        rollup=rollup(root, live, runs),
        root_scores=runs.get(root.pk),
        rows=rows,
        page=page,
        trend_chart=trend_chart(trend),
        trend=trend,
    )


def trend_chart(trend: list[dict]) -> str:
    labels = [row["month"].strftime("%m/%Y") for row in trend]
    series = {
        key: [row[key] for row in trend] for key in ("score", "score_a", "score_b", "score_c")
    }
    names = {
        "score": _("Tổng"),
        "score_a": _("Trục a"),
        "score_b": _("Trục b"),
        "score_c": _("Trục c"),
    }
    return charts.line_chart(_("Điểm theo tháng, 12 tháng gần nhất"), labels, series, names)
