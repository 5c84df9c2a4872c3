"""Was a record published in time? Deadlines come from `DeadlineRule` rows (data the
province edits); the defaults below are what the data migration ships.

Defaults and their legal basis:
- Every section: the platform's publication deadline (portal/deadlines.py: 5 working
  days, Law on Access to Information 2016, Art. 18(4)).
- Budget publications — State Budget Law 2015 (83/2015/QH13) Art. 15(4), detailed for
  every budget level by the Ministry of Finance's Circular 343/2016/TT-BTC on budget
  disclosure: the approved estimate and the approved final accounts within 30 days of
  the decision; quarterly and six-month execution reports within 15 days after the
  quarter / half-year closes. These count calendar days, not working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.utils import timezone

from portal import deadlines
from portal.publishing import PublicationStatus
from portal.workdays import add_working_days

from .models import BudgetStage, DeadlineRule, Record

DEFAULT_RULES = [
    # (section, budget stage, days, day kind, legal basis)
    ("", "", deadlines.WORKING_DAYS, "working", deadlines.LEGAL_BASIS),
    ("budget", "estimate", 30, "calendar", "Luật NSNN 2015 Điều 15 khoản 4; TT 343/2016/TT-BTC"),
    ("budget", "quarter", 15, "calendar", "Luật NSNN 2015 Điều 15 khoản 4; TT 343/2016/TT-BTC"),
    ("budget", "six_months", 15, "calendar", "Luật NSNN 2015 Điều 15 khoản 4; TT 343/2016/TT-BTC"),
    ("budget", "final", 30, "calendar", "Luật NSNN 2015 Điều 15 khoản 4; TT 343/2016/TT-BTC"),
]
_CACHE_KEY = "disclosure:deadline-rules:v1"


@dataclass(frozen=True)
class Rule:
    days: int
    working: bool
    legal_basis: str


def _rules() -> dict[tuple[str, str], Rule]:
    found = cache.get(_CACHE_KEY)
    if found is None:
        found = {
            (r.section, r.budget_stage): Rule(r.days, r.day_kind == "working", r.legal_basis)
            for r in DeadlineRule.objects.all()
        }
        cache.set(_CACHE_KEY, found, 600)
    return found


def forget_rules() -> None:
    cache.delete(_CACHE_KEY)


def rule_for(section: str, stage: str = "") -> Rule:
    """The most specific rule: section and stage, then section, then the default."""
    rules = _rules()
    for key in ((section, stage), (section, ""), ("", "")):
        if key in rules:
            return rules[key]
    return Rule(deadlines.WORKING_DAYS, True, deadlines.LEGAL_BASIS)


def budget_fact_date(stage: str, fiscal_year: int, quarter: int | None, approval: date | None):
    """When the budget fact happened: the approval for decisions, the period end for reports."""
    if stage == BudgetStage.QUARTER and quarter:
        month = quarter * 3
        next_month = date(fiscal_year + (month == 12), month % 12 + 1, 1)
        return next_month - timedelta(days=1)
    if stage == BudgetStage.SIX_MONTHS:
        return date(fiscal_year, 6, 30)
    return approval


def deadline(record: Record, stage: str = "") -> date:
    if not stage and record.section == "budget":
        budget = getattr(record, "budget", None)
        stage = budget.stage if budget else ""
    rule = rule_for(record.section, stage)
    if rule.working:
        return add_working_days(record.fact_date, rule.days)
    return record.fact_date + timedelta(days=rule.days)


@dataclass(frozen=True)
class Timeliness:
    fact_date: date
    deadline: date
    published_on: date | None
    late: bool
    days_late: int


def timeliness(record: Record, today: date | None = None) -> Timeliness:
    """Fact date, deadline and whether the publication came (or is coming) late."""
    due = deadline(record)
    published_on = timezone.localdate(record.published_at) if record.published_at else None
    reference = published_on or today or timezone.localdate()
    days_late = max((reference - due).days, 0)
    return Timeliness(record.fact_date, due, published_on, days_late > 0, days_late)


@dataclass(frozen=True)
class LateRecord:
    record: Record
    deadline: date
    published_on: date | None
    days_late: int


def late_records(tenant_ids, since: date) -> list[LateRecord]:
    """Publications of these tenants whose fact is on/after `since` and that came late,
    or are still unpublished past their deadline. For the compliance module."""
    queryset = (
        Record.objects.filter(tenant_id__in=list(tenant_ids), fact_date__gte=since)
        .not_trashed()
        .exclude(status=PublicationStatus.ARCHIVED)
        .select_related("tenant", "budget")
        .order_by("fact_date", "id")
    )
    late = []
    for record in queryset:
        result = timeliness(record)
        if result.late:
            late.append(LateRecord(record, result.deadline, result.published_on, result.days_late))
    return late
