"""Procedures in the site search: one entry per implementing site and language."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from search.registry import IndexEntry, SearchSource

from .models import Procedure, ProcedureStatus


def indexable():
    return (
        Procedure.objects.filter(status=ProcedureStatus.ACTIVE)
        .select_related("field")
        .prefetch_related("assignments")  # bulk (re)indexing reads them per procedure
    )


def entries(procedure: Procedure) -> Iterable[IndexEntry]:
    if procedure.status != ProcedureStatus.ACTIVE:
        return []
    with translation.override("vi"):
        url = reverse("procedures:detail", args=[procedure.code])
    body_vi = "\n".join(
        p for p in (procedure.field.name_vi, procedure.agency_name, procedure.processing_time,
                    procedure.fees, procedure.requirements, procedure.result) if p
    )  # fmt: skip
    found = []
    for tenant_id in sorted({a.tenant_id for a in procedure.assignments.all()}):
        found.append(
            IndexEntry(
                tenant_id=tenant_id,
                language="vi",
                title=procedure.name_vi,
                body=body_vi,
                url=url,
                published_at=procedure.synced_at,
                reference=procedure.code,
            )  # fmt: skip
        )
        if procedure.name_en:
            found.append(
                IndexEntry(
                    tenant_id=tenant_id,
                    language="en",
                    title=procedure.name_en,
                    body=procedure.field.name_en or "",
                    url=url,
                    published_at=procedure.synced_at,
                    reference=procedure.code,
                )  # fmt: skip
            )
    return found


SOURCES = [
    SearchSource(
        kind="procedure",
        label=_("Thủ tục hành chính"),
        model=Procedure,
        indexable=indexable,
        entries=entries,
    )
]
