"""Survey and rating results per site and rolled up over a subtree, by period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from tenants.models import Tenant

from .models import DIMENSIONS, PageRating, Poll, PollVote, SatisfactionResponse


@dataclass
class SiteResult:
    tenant_id: int | None
    name: str
    responses: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # "interface:easy" -> n
    useful: int = 0
    not_useful: int = 0

    def add(self, other: SiteResult) -> None:
        self.responses += other.responses
        self.useful += other.useful
        self.not_useful += other.not_useful
        for key, value in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + value

    def percent(self, key: str) -> float:
        return round(100 * self.counts.get(key, 0) / self.responses, 1) if self.responses else 0.0

    @property
    def useful_percent(self) -> float:
        total = self.useful + self.not_useful
        return round(100 * self.useful / total, 1) if total else 0.0


def columns() -> list[tuple[str, str]]:
    """(key, label) of every answer of every dimension, in the survey's order."""
    return [
        (f"{name}:{choice.value}", f"{label}: {choice.label}")
        for name, label, choices in DIMENSIONS
        for choice in choices
    ]


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Local midnight of `start` to local midnight after `end` (both days included)."""
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone),
    )


def subtree(root: Tenant) -> list[Tenant]:
    return list(root.get_descendants(include_self=True))


def results_by_site(tenants: list[Tenant], start: date, end: date) -> list[SiteResult]:
    """One row per tenant; two grouped queries whatever the number of sites."""
    since, until = period_bounds(start, end)
    ids = [t.pk for t in tenants]
    aggregates = {
        f"{name}:{choice.value}": Count("id", filter=Q(**{name: choice.value}))
        for name, _label, choices in DIMENSIONS
        for choice in choices
    }
    survey = {
        row.pop("tenant_id"): row
        for row in SatisfactionResponse.objects.filter(
            tenant_id__in=ids, created_at__gte=since, created_at__lt=until
        )
        .values("tenant_id")
        .annotate(total=Count("id"), **aggregates)
        .order_by()
    }
    ratings = {
        row["tenant_id"]: row
        for row in PageRating.objects.filter(
            tenant_id__in=ids, created_at__gte=since, created_at__lt=until
        )
        .values("tenant_id")
        .annotate(
            useful_n=Count("id", filter=Q(useful=True)),
            not_useful_n=Count("id", filter=Q(useful=False)),
        )
        .order_by()
    }
    rows = []
    for tenant in tenants:
        found = survey.get(tenant.pk, {})
        rated = ratings.get(tenant.pk, {})
        rows.append(
            SiteResult(
                tenant_id=tenant.pk,
                name=tenant.name,
                responses=found.get("total", 0),
                counts={key: found.get(key, 0) for key in aggregates},
                useful=rated.get("useful_n", 0),
                not_useful=rated.get("not_useful_n", 0),
            )
        )
    return rows


def rollup(rows: list[SiteResult], label: str) -> SiteResult:
    total = SiteResult(tenant_id=None, name=label)
    for row in rows:
        total.add(row)
    return total


def poll_results(poll: Poll) -> tuple[int, list[tuple[str, int, float]]]:
    """(total votes, [(option, votes, percent)]), percent to one decimal."""
    counts = dict(
        PollVote.objects.filter(poll=poll)
        .values("option_id")
        .annotate(n=Count("id"))
        .values_list("option_id", "n")
        .order_by()
    )
    total = sum(counts.values())
    return total, [
        (
            option.text,
            counts.get(option.pk, 0),
            round(100 * counts.get(option.pk, 0) / total, 1) if total else 0.0,
        )
        for option in poll.options.all()
    ]
