"""Read-side queries shared by the public pages, feeds and search."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from tenants.models import Tenant

from .charts import Chart
from .models import (
    BudgetStage,
    ProjectDetails,
    Record,
    RecordStatus,
    Section,
    TableRow,
)

PAGE_SIZE = 20
SECTION_STATUSES: dict[str, list[str]] = {
    Section.PLANNING: ["consultation", "approved", "adjusted", "expired"],
    Section.INVESTMENT: ["preparing", "ongoing", "completed"],
    Section.RECRUITMENT: ["open", "closed", "result"],
    Section.SCIENCE: ["ongoing", "completed"],
    Section.LAND: ["consultation", "approved", "adjusted"],
}
EXTENSIONS = ("plan", "project", "budget", "dataset", "recruitment")


def public_records(tenant: Tenant, section: str) -> QuerySet[Record]:
    """Published records of a section on this site and every site below it."""
    return Record.objects.for_subtree(tenant).published().filter(section=section).in_language()


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    field: str = ""
    status: str = ""
    unit: int | None = None  # a tenant of the subtree (publishing unit or location)

    @classmethod
    def from_query(cls, params, section: str, units: list[Tenant]) -> Filters:
        def number(name: str) -> int | None:
            value = params.get(name, "")
            return int(value) if value.isdigit() and len(value) < 10 else None

        status = params.get("tinh-trang", "")
        unit = number("don-vi")
        return cls(
            year=number("nam"),
            # PostgreSQL refuses NUL in text: control characters never name a field.
            field="".join(ch for ch in params.get("linh-vuc", "")[:120] if ch >= " "),
            status=status if status in SECTION_STATUSES.get(section, ()) else "",
            unit=unit if unit in {t.pk for t in units} else None,
        )

    def apply(self, queryset: QuerySet[Record]) -> QuerySet[Record]:
        if self.year:
            queryset = queryset.filter(year=self.year)
        if self.field:
            queryset = queryset.filter(field=self.field)
        if self.status:
            queryset = queryset.filter(record_status=self.status)
        if self.unit:
            queryset = queryset.filter(Q(tenant_id=self.unit) | Q(location_id=self.unit))
        return queryset


def filter_choices(tenant: Tenant, section: str) -> dict:
    base = public_records(tenant, section)
    years = list(base.order_by("-year").values_list("year", flat=True).distinct()[:30])
    fields = list(
        base.exclude(field="").order_by("field").values_list("field", flat=True).distinct()[:50]
    )
    statuses = [(value, RecordStatus(value).label) for value in SECTION_STATUSES.get(section, [])]
    return {"years": years, "fields": fields, "statuses": statuses}


def subtree_units(tenant: Tenant) -> list[Tenant]:
    """The sites below this one (empty on a commune): the "commune" filter's choices."""
    return list(tenant.get_descendants().filter(is_active=True))


@dataclass
class Page:
    records: list[Record]
    next_cursor: str | None
    is_first: bool


def _cursor(record: Record) -> str:
    return f"{int(record.published_at.timestamp() * 1_000_000)}-{record.pk}"


def paginate(queryset: QuerySet[Record], cursor: str | None) -> Page:
    """Keyset pagination on (published_at, id): a deep page costs what page 1 does."""
    queryset = queryset.order_by("-published_at", "-id")
    if cursor:
        try:
            micros, pk = (int(part) for part in cursor.split("-", 1))
            moment = datetime.fromtimestamp(micros / 1_000_000, tz=UTC)
        except (ValueError, OverflowError, OSError):
            micros = None
        if micros is not None:
            queryset = queryset.filter(
                Q(published_at__lt=moment) | Q(published_at=moment, id__lt=pk)
            )
    records = list(queryset.select_related("tenant", "location", *EXTENSIONS)[: PAGE_SIZE + 1])
    more = len(records) > PAGE_SIZE
    records = records[:PAGE_SIZE]
    return Page(records, _cursor(records[-1]) if more else None, not cursor)


def record_detail(tenant: Tenant, section: str, pk: int) -> Record | None:
    # Not language-filtered: the language switch of a Vietnamese-only record leads to
    # its English URL, which shows the Vietnamese text with a notice instead of a 404.
    return (
        Record.objects.for_subtree(tenant)
        .published()
        .filter(section=section)
        .select_related("tenant", "location", *EXTENSIONS)
        .filter(pk=pk)
        .first()
    )


def budget_trend(tenant: Tenant, years: int = 3) -> tuple[Chart, list[tuple[str, list]]] | None:
    """Year on year: the first figure column of each fiscal year's estimate, per row label."""
    estimates = list(
        Record.objects.for_tenant(tenant)
        .published()
        .filter(section=Section.BUDGET, budget__stage=BudgetStage.ESTIMATE)
        .order_by("-budget__fiscal_year")
        .values_list("pk", "budget__fiscal_year")[:years]
    )
    if not estimates:
        return None
    estimates.reverse()
    rows = TableRow.objects.filter(record_id__in=[pk for pk, _y in estimates]).order_by("position")
    labels: list[str] = []
    by_year: dict[int, dict[str, Decimal | None]] = {pk: {} for pk, _y in estimates}
    for row in rows:
        if row.label not in labels:
            labels.append(row.label)
        first = row.values[0] if row.values else None
        by_year[row.record_id][row.label] = Decimal(first) if first not in (None, "") else None
    series = [(str(year), [by_year[pk].get(label) for label in labels]) for pk, year in estimates]
    chart = Chart(
        title=_("Dự toán ngân sách qua các năm (triệu đồng)"),
        categories=labels,
        series=series,
    )
    return chart, [(label, [values[i] for _n, values in series]) for i, label in enumerate(labels)]


def disbursement_by_unit(tenant: Tenant) -> list[dict]:
    """Disbursement rate per commune of the subtree (by project location, else publisher)."""
    projects = (
        ProjectDetails.objects.filter(
            record__in=Record.objects.for_subtree(tenant)
            .published()
            .filter(section=Section.INVESTMENT)
        )
        .values("record__location__name", "record__tenant__name")
        .annotate(total=Sum("total_investment"), disbursed=Sum("disbursed"))
    )
    merged: dict[str, list[Decimal]] = {}
    for row in projects:
        name = row["record__location__name"] or row["record__tenant__name"]
        totals = merged.setdefault(name, [Decimal(0), Decimal(0)])
        totals[0] += row["total"] or 0
        totals[1] += row["disbursed"] or 0
    result = [
        {
            "unit": name,
            "total": total,
            "disbursed": disbursed,
            "rate": round(disbursed / total * 100, 1) if total else Decimal(0),
        }
        for name, (total, disbursed) in merged.items()
    ]
    return sorted(result, key=lambda item: item["unit"])


def disbursement_chart(rows: list[dict]) -> Chart:
    return Chart(
        title=_("Tỷ lệ giải ngân vốn đầu tư công theo địa bàn (%)"),
        categories=[row["unit"] for row in rows],
        series=[(_("Tỷ lệ giải ngân (%)"), [row["rate"] for row in rows])],
        unit="%",
    )
