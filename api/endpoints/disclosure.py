"""Disclosed information (planning, budget, projects, statistics…), its tables as JSON,
CSV and XLSX, and the statistics series."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Literal

from django.db.models import Prefetch
from django.http import HttpRequest
from ninja import Query, Router, Schema

from disclosure import tables
from disclosure.models import Attachment, Record, RecordStatus, Section, TableRow
from disclosure.selectors import EXTENSIONS

from .. import keyset
from ..answers import respond, send, strict
from .common import (
    Lang,
    Links,
    Scope,
    SiteRef,
    cursor_param,
    detail_or_404,
    limit_param,
    list_answer,
    scoped,
    since,
    site_ref,
)

router = Router(tags=["disclosure"])

SectionParam = Literal[
    "planning",
    "budget",
    "investment",
    "statistics",
    "recruitment",
    "anticorruption",
    "science",
    "land",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RecordAttachment(Schema):
    role: str
    title: str
    url: str
    alt_text: str
    date: date | None


class TableRowOut(Schema):
    label: str
    unit: str
    values: list[str | None]


class Table(Schema):
    columns: list[str]
    rows: list[TableRowOut]


class RecordCard(Schema):
    id: int
    site: SiteRef
    section: SectionParam
    title: str
    summary: str
    field: str
    record_status: str
    reference_number: str
    reference_title: str
    fact_date: date
    year: int
    period_start: date | None
    period_end: date | None
    location: SiteRef | None
    details: dict[str, str | None]
    has_table: bool
    published_at: datetime
    updated_at: datetime
    url: str


class RecordDetail(RecordCard):
    attachments: list[RecordAttachment]
    table: Table | None
    table_urls: dict[str, str]


class RecordPage(Schema):
    items: list[RecordCard]
    next_cursor: str | None
    next: str | None


class StatisticsSeries(RecordCard):
    table: Table | None


class StatisticsPage(Schema):
    items: list[StatisticsSeries]
    next_cursor: str | None
    next: str | None


def _details(record: Record) -> dict[str, str | None]:
    for name in EXTENSIONS:
        extension = getattr(record, name, None) if _has(record, name) else None
        if extension is None:
            continue
        values: dict[str, str | None] = {"kind": name}
        for field in extension._meta.concrete_fields:
            if field.name in ("id", "record") or field.is_relation:
                continue
            value = getattr(extension, field.attname)
            values[field.name] = None if value is None else str(value)
        return values
    return {}


def _has(record: Record, name: str) -> bool:
    try:
        return getattr(record, name) is not None
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist of a one-to-one
        return False


def _number(value) -> str | None:
    if value in (None, ""):
        return None
    try:
        return str(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def _table(record: Record, rows: list[TableRow]) -> dict | None:
    if not rows:
        return None
    return {
        "columns": [str(c) for c in record.table_columns or []],
        "rows": [
            {"label": r.label, "unit": r.unit, "values": [_number(v) for v in r.values or []]}
            for r in rows
        ],
    }


def _card(record: Record, links: Links) -> dict:
    return {
        "id": record.pk,
        "site": site_ref(record.tenant),
        "section": record.section,
        "title": record.title,
        "summary": record.summary or "",
        "field": record.field,
        "record_status": record.record_status,
        "reference_number": record.reference_number,
        "reference_title": record.reference_title,
        "fact_date": record.fact_date,
        "year": record.year,
        "period_start": record.period_start,
        "period_end": record.period_end,
        "location": site_ref(record.location) if record.location_id else None,
        "details": _details(record),
        "has_table": bool(record.table_columns),
        "published_at": record.published_at,
        "updated_at": record.updated_at,
        "url": links.page(record.tenant_id, record.get_absolute_url()),
    }


def _records(request: HttpRequest, scope: str):
    queryset = scoped(Record.objects.published(), request, scope)
    return queryset.in_language().select_related("tenant", "location", *EXTENSIONS)


def _filtered(queryset, section, year, field, record_status, updated_since):
    queryset = since(queryset, updated_since)
    if section:
        queryset = queryset.filter(section=Section(section))
    if year:
        queryset = queryset.filter(year=year)
    if field:
        queryset = queryset.filter(field=field)
    if record_status:
        queryset = queryset.filter(record_status=RecordStatus(record_status))
    return queryset


RecordStatusParam = Literal[tuple(RecordStatus.values)]  # type: ignore[valid-type]


@router.get("/records", response=RecordPage, summary="Disclosed information (công khai)")
@strict
def list_records(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "site",
    section: SectionParam | None = None,
    year: int | None = Query(None, ge=1900, le=2100),
    field: str | None = Query(None, max_length=120),
    record_status: RecordStatusParam | None = None,
    updated_since: datetime | None = None,
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    queryset = _filtered(
        _records(request, scope), section, year, field, record_status, updated_since
    )
    return list_answer(
        request,
        RecordPage,
        queryset,
        keyset.Order(("-published_at", "-id")),
        cursor,
        limit,
        lambda items, links: [_card(r, links) for r in items],
    )


def _record(request: HttpRequest, record_id: int, scope: str) -> Record:
    queryset = _records(request, scope).prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("position", "id")),
        Prefetch("rows", queryset=TableRow.objects.order_by("position")),
    )
    return detail_or_404(queryset, pk=min(record_id, 2**62))


@router.get("/records/{record_id}", response=RecordDetail, summary="One disclosed record")
@strict
def get_record(request: HttpRequest, record_id: int, lang: Lang = "vi", scope: Scope = "site"):
    record = _record(request, record_id, scope)
    links = Links(request, [record.tenant_id])
    base = request.build_absolute_uri(f"/api/v1/records/{record.pk}/table")
    data = _card(record, links) | {
        "attachments": [
            {
                "role": a.role,
                "title": a.title,
                "url": links.file(record.tenant_id, a.file.name) if a.file else a.url,
                "alt_text": a.alt_text or "",
                "date": a.date,
            }
            for a in record.attachments.all()
        ],
        "table": _table(record, list(record.rows.all())),
        "table_urls": {f: f"{base}?format={f}" for f in ("json", "csv", "xlsx")}
        if record.table_columns
        else {},
    }
    return respond(request, RecordDetail, data, last_modified=record.updated_at)


@router.get(
    "/records/{record_id}/table",
    response=Table,
    summary="The figures table of a record as JSON, CSV or XLSX",
)
@strict
def get_record_table(
    request: HttpRequest,
    record_id: int,
    format: Literal["json", "csv", "xlsx"] = "json",
    lang: Lang = "vi",
    scope: Scope = "site",
):
    record = _record(request, record_id, scope)
    rows = list(record.rows.all())
    if format == "csv":
        body = tables.export_csv(record, rows)
        name = f"{record.slug or record.pk}.csv"
        return send(
            request, body, "text/csv; charset=utf-8", last_modified=record.updated_at, filename=name
        )
    if format == "xlsx":
        body = tables.export_xlsx(record, rows)
        name = f"{record.slug or record.pk}.xlsx"
        return send(request, body, XLSX, last_modified=record.updated_at, filename=name)
    data = _table(record, rows) or {"columns": [], "rows": []}
    return respond(request, Table, data, last_modified=record.updated_at)


@router.get("/statistics", response=StatisticsPage, summary="Statistics series with their data")
@strict
def list_statistics(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "site",
    year: int | None = Query(None, ge=1900, le=2100),
    field: str | None = Query(None, max_length=120),
    updated_since: datetime | None = None,
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    queryset = _filtered(
        _records(request, scope), Section.STATISTICS, year, field, None, updated_since
    ).prefetch_related(Prefetch("rows", queryset=TableRow.objects.order_by("position")))
    return list_answer(
        request,
        StatisticsPage,
        queryset,
        keyset.Order(("-published_at", "-id")),
        cursor,
        limit,
        lambda items, links: [
            _card(r, links) | {"table": _table(r, list(r.rows.all()))} for r in items
        ],
    )


@router.get("/statistics/{record_id}", response=StatisticsSeries, summary="One statistics series")
@strict
def get_statistics_series(
    request: HttpRequest, record_id: int, lang: Lang = "vi", scope: Scope = "site"
):
    queryset = _records(request, scope).filter(section=Section.STATISTICS)
    queryset = queryset.prefetch_related(
        Prefetch("rows", queryset=TableRow.objects.order_by("position"))
    )
    record = detail_or_404(queryset, pk=min(record_id, 2**62))
    links = Links(request, [record.tenant_id])
    data = _card(record, links) | {"table": _table(record, list(record.rows.all()))}
    return respond(request, StatisticsSeries, data, last_modified=record.updated_at)
