"""What the compliance module reads from the documents app (docs/compliance.md):
published items per requirement code, when each was last updated, the admin page of each,
and documents published later than the default deadline after they were issued."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils import timezone

from portal import deadlines
from portal.publishing import PublicationStatus
from portal.workdays import working_days_between
from tenants.models import Tenant

from .models import Consultation, Document, DocumentKind

# Document kind → requirement code (legal and directive documents B1, treaties B3);
# consultations on drafts are B2.
REQUIREMENT_CODES: dict[str, str] = {
    DocumentKind.NORMATIVE: "B1",
    DocumentKind.DIRECTIVE: "B1",
    DocumentKind.TREATY: "B3",
}
ADMIN_LISTS = {
    "B1": "admin:documents_document_changelist",
    "B2": "admin:documents_consultation_changelist",
    "B3": "admin:documents_document_changelist",
}


def _documents(tenant: Tenant):
    return Document.objects.for_tenant(tenant).published().order_by()


def section_counts(tenant: Tenant) -> dict[str, int]:
    """The site's own published documents per code, and its published consultations."""
    counts = {"B1": 0, "B2": 0, "B3": 0}
    for row in _documents(tenant).values("kind").annotate(n=Count("pk")):
        code = REQUIREMENT_CODES.get(row["kind"])
        if code:
            counts[code] += row["n"]
    counts["B2"] = Consultation.objects.for_tenant(tenant).published().count()
    return counts


def last_updated(tenant: Tenant) -> dict[str, datetime]:
    """Latest publication per code (codes with nothing published are absent)."""
    latest: dict[str, datetime] = {}
    for row in _documents(tenant).values("kind").annotate(at=Max("published_at")):
        code = REQUIREMENT_CODES.get(row["kind"])
        if code and row["at"] and (code not in latest or row["at"] > latest[code]):
            latest[code] = row["at"]
    consultation = (
        Consultation.objects.for_tenant(tenant).published().aggregate(at=Max("published_at"))["at"]
    )
    if consultation:
        latest["B2"] = consultation
    return latest


def section_admin_url(code: str) -> str:
    name = ADMIN_LISTS.get(code)
    return reverse(name) if name else ""


def late_records(tenant_ids, since: date) -> list[dict]:
    """Documents issued on/after `since` and published more than 5 working days later,
    or not yet published (submitted, scheduled) past that deadline."""
    today = timezone.localdate()
    # SQL narrows by calendar days, Python counts working days exactly.
    candidates = (
        Document.objects.filter(tenant_id__in=list(tenant_ids), issued_on__gte=since)
        .not_trashed()
        .filter(
            Q(
                status=PublicationStatus.PUBLISHED,
                published_at__date__gt=F("issued_on") + deadlines.AT_LEAST,
            )
            | Q(
                status__in=[PublicationStatus.PENDING, PublicationStatus.SCHEDULED],
                issued_on__lt=today - deadlines.AT_LEAST,
            )
        )
        .order_by("issued_on", "id")
    )
    found = []
    for document in candidates:
        deadline = deadlines.publication_deadline(document.issued_on)
        published = document.status == PublicationStatus.PUBLISHED
        reference = timezone.localdate(document.published_at) if published else today
        if reference <= deadline:
            continue
        found.append(
            {
                "title": f"{document.number} {document.title or document.summary}"[:300],
                "section": REQUIREMENT_CODES.get(document.kind, "B1"),
                "fact_date": document.issued_on.isoformat(),
                "deadline": deadline.isoformat(),
                "published_on": reference.isoformat() if published else None,
                "days_late": working_days_between(deadline, reference),
                "day_kind": "working",
                "legal_basis": deadlines.LEGAL_BASIS,
                "admin_url": reverse("admin:documents_document_change", args=[document.pk]),
            }
        )
    return found
