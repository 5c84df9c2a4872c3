"""Legal and administrative documents (metadata, relations, files, signature status) and
draft consultations."""

from datetime import date, datetime
from typing import Literal

from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Schema

from documents import selectors
from documents.models import Attachment, Consultation, Document
from documents.models.document import SigningState

from .. import keyset
from ..answers import respond, strict
from .common import (
    FileLink,
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

router = Router(tags=["documents"])

LegalStatusParam = Literal["not_yet", "in_force", "partly_expired", "expired"]
KindParam = Literal["normative", "directive", "treaty"]


class NamedRef(Schema):
    id: int
    name: str


class Signature(Schema):
    state: Literal["none", "queued", "signed", "failed"]
    signed_at: datetime | None
    verify_url: str


class DocumentCard(Schema):
    id: int
    site: SiteRef
    kind: str
    number: str
    title: str
    summary: str
    doc_type: NamedRef | None
    field: NamedRef | None
    issuing_body: str
    signer_name: str
    signer_title: str
    issued_on: date
    effective_on: date | None
    expires_on: date | None
    legal_status: LegalStatusParam
    file_url: str
    signature: Signature
    updated_at: datetime
    url: str


class RelationOut(Schema):
    relation: str
    document_id: int
    number: str
    title: str
    url: str


class DocumentDetail(DocumentCard):
    file_sha256: str
    attachments: list[FileLink]
    relations: list[RelationOut]


class DocumentPage(Schema):
    items: list[DocumentCard]
    next_cursor: str | None
    next: str | None


def _signature(document: Document, links: Links) -> dict:
    state = document.signing_state or "none"
    if state not in ("none", "queued", "signed", "failed"):
        state = "none"
    return {
        "state": state,
        "signed_at": document.signed_at if state == SigningState.SIGNED else None,
        "verify_url": links.page(document.tenant_id, reverse("documents:verify")),
    }


def _card(document: Document, links: Links) -> dict:
    return {
        "id": document.pk,
        "site": site_ref(document.tenant),
        "kind": document.kind,
        "number": document.number,
        "title": document.display_title or "",
        "summary": document.summary or "",
        "doc_type": {"id": document.doc_type.pk, "name": document.doc_type.name}
        if document.doc_type_id
        else None,
        "field": {"id": document.field.pk, "name": document.field.name}
        if document.field_id
        else None,
        "issuing_body": document.issuing_body,
        "signer_name": document.signer_name,
        "signer_title": document.signer_title,
        "issued_on": document.issued_on,
        "effective_on": document.effective_on,
        "expires_on": document.expires_on,
        "legal_status": document.legal_status(),
        "file_url": links.file(document.tenant_id, document.public_file.name)
        if document.public_file
        else "",
        "signature": _signature(document, links),
        "updated_at": document.updated_at,
        "url": links.page(document.tenant_id, document.get_absolute_url()),
    }


def _documents(request: HttpRequest, scope: str):
    queryset = scoped(Document.objects.published(), request, scope).in_language("summary")
    return queryset.select_related("tenant", "doc_type", "field").defer("full_text")


@router.get("/documents", response=DocumentPage, summary="Published documents (văn bản)")
@strict
def list_documents(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "site",
    kind: KindParam | None = None,
    type: int | None = Query(None, ge=1, le=2**31 - 1, description="Document type id"),
    field: int | None = Query(None, ge=1, le=2**31 - 1, description="Field (lĩnh vực) id"),
    issuer: str | None = Query(None, max_length=200, description="Issuing body contains"),
    year: int | None = Query(None, ge=1900, le=2100, description="Year of issue"),
    status: LegalStatusParam | None = None,
    updated_since: datetime | None = None,
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    data = {"kind": kind, "type": type, "field": field, "year": year, "status": status}
    data["issuer"] = (issuer or "").replace("\x00", "").strip()
    queryset = selectors.filter_documents(since(_documents(request, scope), updated_since), data)
    return list_answer(
        request,
        DocumentPage,
        queryset,
        keyset.Order(("-issued_on", "-id")),
        cursor,
        limit,
        lambda items, links: [_card(d, links) for d in items],
    )


@router.get("/documents/{document_id}", response=DocumentDetail, summary="One document")
@strict
def get_document(request: HttpRequest, document_id: int, lang: Lang = "vi", scope: Scope = "site"):
    queryset = _documents(request, scope).prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.order_by("order", "id"))
    )
    document = detail_or_404(queryset, pk=min(document_id, 2**62))
    related = selectors.related_documents(document, document.tenant)
    links = Links(request, [document.tenant_id, *(d.tenant_id for _label, d in related)])
    data = _card(document, links) | {
        "file_sha256": (document.signed_sha256 or document.file_sha256)
        if document.public_file
        else "",
        "attachments": [
            {"title": a.title, "url": links.file(document.tenant_id, a.file.name)}
            for a in document.attachments.all()
        ],
        "relations": [
            {
                "relation": str(label),
                "document_id": other.pk,
                "number": other.number,
                "title": other.display_title or "",
                "url": links.page(other.tenant_id, other.get_absolute_url()),
            }
            for label, other in related
        ],
    }
    return respond(request, DocumentDetail, data, last_modified=document.updated_at)


# --- consultations --------------------------------------------------------------------
class ConsultationOut(Schema):
    id: int
    site: SiteRef
    title: str
    summary: str
    drafting_body: str
    opens_at: datetime
    closes_at: datetime
    state: Literal["upcoming", "open", "closed"]
    draft_url: str
    report: str
    report_url: str
    document_id: int | None
    updated_at: datetime
    url: str


class ConsultationPage(Schema):
    items: list[ConsultationOut]
    next_cursor: str | None
    next: str | None


def _consultation(item: Consultation, links: Links, now: datetime) -> dict:
    state = "closed" if item.closes_at <= now else "open" if item.opens_at <= now else "upcoming"
    return {
        "id": item.pk,
        "site": site_ref(item.tenant),
        "title": item.title,
        "summary": item.summary or "",
        "drafting_body": item.drafting_body,
        "opens_at": item.opens_at,
        "closes_at": item.closes_at,
        "state": state,
        "draft_url": links.file(item.tenant_id, item.draft_file.name) if item.draft_file else "",
        "report": (item.report or "") if state == "closed" else "",
        "report_url": links.file(item.tenant_id, item.report_file.name)
        if item.report_file and state == "closed"
        else "",
        "document_id": item.document_id
        if item.document_id and item.document and item.document.is_public
        else None,
        "updated_at": item.updated_at,
        "url": links.page(item.tenant_id, item.get_absolute_url()),
    }


def _consultations(request: HttpRequest, scope: str):
    queryset = scoped(Consultation.objects.published(), request, scope)
    return queryset.in_language().select_related("tenant", "document")


@router.get("/consultations", response=ConsultationPage, summary="Draft consultations")
@strict
def list_consultations(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "site",
    state: Literal["upcoming", "open", "closed"] | None = None,
    updated_since: datetime | None = None,
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    now = timezone.now()
    queryset = since(_consultations(request, scope), updated_since)
    if state == "open":
        queryset = queryset.filter(opens_at__lte=now, closes_at__gt=now)
    elif state == "closed":
        queryset = queryset.filter(closes_at__lte=now)
    elif state == "upcoming":
        queryset = queryset.filter(opens_at__gt=now)
    return list_answer(
        request,
        ConsultationPage,
        queryset,
        keyset.Order(("-opens_at", "-id")),
        cursor,
        limit,
        lambda items, links: [_consultation(c, links, now) for c in items],
    )


@router.get(
    "/consultations/{consultation_id}", response=ConsultationOut, summary="One consultation"
)
@strict
def get_consultation(
    request: HttpRequest, consultation_id: int, lang: Lang = "vi", scope: Scope = "site"
):
    item = detail_or_404(_consultations(request, scope), pk=min(consultation_id, 2**62))
    links = Links(request, [item.tenant_id])
    data = _consultation(item, links, timezone.now())
    return respond(request, ConsultationOut, data, last_modified=item.updated_at)
