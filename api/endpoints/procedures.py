"""Administrative procedures as the site's catalogue shows them."""

from datetime import datetime
from typing import Literal

from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema

from procedures.models import DossierItem, Level, OnlineLevel, Procedure, ProcedureStatus

from .. import keyset
from ..answers import respond, strict
from .common import Lang, Links, Scope, cursor_param, detail_or_404, limit_param, list_answer, since

router = Router(tags=["procedures"])


class FieldRef(Schema):
    id: int
    code: str
    name: str


class LegalBasis(Schema):
    number: str
    title: str


class DossierOut(Schema):
    name: str
    quantity: str
    form_name: str
    form_url: str


class ProcedureCard(Schema):
    code: str
    name: str
    field: FieldRef | None
    agency: str
    level: Literal["central", "province", "district", "commune"]
    online_level: Literal["full", "partial", "none"]
    submission_url: str
    status: Literal["active", "withdrawn"]
    withdrawn_at: datetime | None
    synced_at: datetime
    url: str


class ProcedureDetail(ProcedureCard):
    processing_time: str
    fees: str
    steps: str
    method: str
    requirements: str
    result: str
    partial_reason: str
    legal_basis: list[LegalBasis]
    dossier: list[DossierOut]


class ProcedurePage(Schema):
    items: list[ProcedureCard]
    next_cursor: str | None
    next: str | None


def _card(procedure: Procedure, links: Links) -> dict:
    field = procedure.field
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": {"id": field.pk, "code": field.code, "name": field.name} if field else None,
        "agency": procedure.agency_display,
        "level": procedure.level,
        "online_level": procedure.online_level,
        "submission_url": procedure.submission_url,
        "status": procedure.status,
        "withdrawn_at": procedure.withdrawn_at,
        "synced_at": procedure.synced_at,
        "url": links.page(
            links.request.tenant.pk, reverse("procedures:detail", args=[procedure.code])
        ),
    }


def _legal_basis(value) -> list[dict]:
    rows = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict):
            rows.append(
                {"number": str(item.get("number", "")), "title": str(item.get("title", ""))}
            )
        elif isinstance(item, str):
            rows.append({"number": "", "title": item})
    return rows


def _procedures(request: HttpRequest, scope: str, status: str = "active"):
    """What the catalogue of this site shows (scope=site: assigned to this very site;
    subtree: to it or any site below)."""
    queryset = Procedure.objects.all()
    if status != "all":
        queryset = queryset.filter(status=status)
    if scope == "subtree":
        queryset = queryset.implemented_in(request.tenant)
    else:
        queryset = queryset.implemented_by(request.tenant)
    return queryset.in_language("name").select_related("field", "agency_tenant")


@router.get("/procedures", response=ProcedurePage, summary="Administrative procedures (TTHC)")
@strict
def list_procedures(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "site",
    field: int | None = Query(None, ge=1, le=2**31 - 1, description="Field (lĩnh vực) id"),
    level: Literal["central", "province", "district", "commune"] | None = None,
    online_level: Literal["full", "partial", "none"] | None = None,
    status: Literal["active", "withdrawn", "all"] = "active",
    updated_since: datetime | None = None,
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    queryset = since(_procedures(request, scope, status), updated_since, "synced_at").defer(
        "steps", "method", "requirements", "result", "fees", "search_text", "legal_basis"
    )
    if field:
        queryset = queryset.filter(field_id=field)
    if level:
        queryset = queryset.filter(level=Level(level))
    if online_level:
        queryset = queryset.filter(online_level=OnlineLevel(online_level))
    return list_answer(
        request,
        ProcedurePage,
        queryset,
        keyset.Order(("sort_name", "id")),
        cursor,
        limit,
        lambda items, links: [_card(p, links) for p in items],
        modified=lambda item: item.synced_at,
    )


@router.get("/procedures/{code}", response=ProcedureDetail, summary="One procedure, by code")
@strict
def get_procedure(request: HttpRequest, code: str, lang: Lang = "vi", scope: Scope = "site"):
    queryset = (
        _procedures(request, scope, "all")
        .prefetch_related(Prefetch("dossier", queryset=DossierItem.objects.order_by("position")))
        .order_by("status", "source_id")
    )
    procedure = detail_or_404(queryset, code=code[:50])
    links = Links(request, [])
    data = _card(procedure, links) | {
        "processing_time": procedure.processing_time,
        "fees": procedure.fees,
        "steps": procedure.steps,
        "method": procedure.method,
        "requirements": procedure.requirements,
        "result": procedure.result,
        "partial_reason": procedure.partial_reason,
        "legal_basis": _legal_basis(procedure.legal_basis),
        "dossier": [
            {
                "name": d.name,
                "quantity": d.quantity,
                "form_name": d.form_name,
                "form_url": d.form_url,
            }
            for d in procedure.dossier.all()
        ],
    }
    return respond(request, ProcedureDetail, data, last_modified=procedure.synced_at)


__all__ = ["router", "ProcedureStatus"]
