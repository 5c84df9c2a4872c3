"""What the compliance module reads from the disclosure app (docs/compliance.md):
published records per requirement code, when each section was last updated, the admin
page of a section, and the records published late."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from portal.workdays import working_days_between
from tenants.models import Tenant

from .models import SECTION_PROXIES, Record, Section
from .timeliness import late_records as _late_records
from .timeliness import rule_for

# Section → requirement code of REQUIREMENTS B (one code may gather two sections).
REQUIREMENT_CODES: dict[str, str] = {
    Section.PLANNING: "B6",
    Section.INVESTMENT: "B7",
    Section.BUDGET: "B8",
    Section.STATISTICS: "B9",
    Section.SCIENCE: "B10",
    Section.LAND: "B11",
    Section.RECRUITMENT: "B12",
    Section.ANTICORRUPTION: "B12",
}


def _own_published(tenant: Tenant):
    # A site answers for what it publishes itself: the province's budget is not
    # disclosed by a commune's records, even though the province's pages list them.
    return Record.objects.for_tenant(tenant).published().order_by()


def section_counts(tenant: Tenant) -> dict[str, int]:
    """Published records of this site per requirement code (every code present, 0 if none)."""
    counts = dict.fromkeys(REQUIREMENT_CODES.values(), 0)
    for row in _own_published(tenant).values("section").annotate(n=Count("pk")):
        code = REQUIREMENT_CODES.get(row["section"])
        if code:
            counts[code] += row["n"]
    return counts


def last_updated(tenant: Tenant) -> dict[str, datetime]:
    """Latest publication per requirement code (codes with nothing published are absent)."""
    latest: dict[str, datetime] = {}
    rows = _own_published(tenant).values("section").annotate(at=Max("published_at"))
    for row in rows:
        code = REQUIREMENT_CODES.get(row["section"])
        if code and row["at"] and (code not in latest or row["at"] > latest[code]):
            latest[code] = row["at"]
    return latest


def section_admin_url(code: str) -> str:
    """The admin list where an editor adds records of this requirement code."""
    for section, requirement in REQUIREMENT_CODES.items():
        if requirement == code:
            proxy = SECTION_PROXIES[section]
            return reverse(f"admin:disclosure_{proxy._meta.model_name}_changelist")
    return ""


def _admin_url(record: Record) -> str:
    proxy = SECTION_PROXIES.get(record.section)
    if proxy is None:
        return ""
    return reverse(f"admin:disclosure_{proxy._meta.model_name}_change", args=[record.pk])


def late_records(tenant_ids, since: date) -> list[dict]:
    """Records whose fact is on/after `since` that were published late, or are still
    unpublished past their deadline; late days counted the way their rule counts."""
    today = timezone.localdate()
    found = []
    for late in _late_records(tenant_ids, since):
        record = late.record
        budget = getattr(record, "budget", None) if record.section == Section.BUDGET else None
        rule = rule_for(record.section, budget.stage if budget else "")
        reference = late.published_on or today
        days = working_days_between(late.deadline, reference) if rule.working else late.days_late
        found.append(
            {
                "title": record.title,
                "section": REQUIREMENT_CODES.get(record.section, record.section),
                "site": record.tenant.name,
                "fact_date": record.fact_date.isoformat(),
                "deadline": late.deadline.isoformat(),
                "published_on": late.published_on.isoformat() if late.published_on else None,
                "days_late": days,
                "day_kind": "working" if rule.working else "calendar",
                "legal_basis": rule.legal_basis,
                "admin_url": _admin_url(record),
            }
        )
    return found
