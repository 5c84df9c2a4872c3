"""Whole-dataset CSV files (UTF-8 with BOM, so spreadsheet software reads Vietnamese), streamed
row by row from the database: the procedure catalogue, the documents register, the sites."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.urls import reverse

from documents.models import Document
from procedures.models import Procedure
from tenants.models import Tenant
from tenants.site import primary_hostnames

from .catalogue import subtree_sites

CHUNK = 500


class _Echo:
    def write(self, value: str) -> str:
        return value


def _lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow(["" if v is None else v for v in row])


def _procedures(tenant: Tenant, base: str) -> tuple[list[str], Iterable[list]]:
    queryset = Procedure.objects.filter(status="active").implemented_in(tenant).in_language("name")
    queryset = queryset.select_related("field", "agency_tenant").order_by("code", "id")
    header = ["code", "name", "field", "level", "online_level", "agency", "submission_url", "url"]
    rows = (
        [
            p.code,
            p.name,
            p.field.name if p.field_id else "",
            p.level,
            p.online_level,
            p.agency_display,
            p.submission_url,
            base + reverse("procedures:detail", args=[p.code]),
        ]
        for p in queryset.iterator(chunk_size=CHUNK)
    )
    return header, rows


def _documents(tenant: Tenant, base: str) -> tuple[list[str], Iterable[list]]:
    queryset: QuerySet[Document] = (
        Document.objects.for_subtree(tenant)
        .published()
        .in_language("summary")
        .select_related("doc_type", "field")
        .defer("full_text")
        .order_by("-issued_on", "-id")
    )
    hosts = primary_hostnames(list(subtree_sites(tenant).values_list("pk", flat=True)))
    scheme = base.split("://", 1)[0]

    def site(tenant_id: int) -> str:
        host = hosts.get(tenant_id)
        return f"{scheme}://{host}" if host else base

    header = [
        "number", "kind", "type", "summary", "field", "issuing_body", "issued_on",
        "effective_on", "expires_on", "legal_status", "file_url", "url",
    ]  # fmt: skip
    rows = (
        [
            d.number,
            d.kind,
            d.doc_type.name if d.doc_type_id else "",
            d.summary,
            d.field.name if d.field_id else "",
            d.issuing_body,
            d.issued_on,
            d.effective_on,
            d.expires_on,
            d.legal_status(),
            site(d.tenant_id) + default_storage.url(d.public_file.name) if d.public_file else "",
            site(d.tenant_id) + d.get_absolute_url(),
        ]
        for d in queryset.iterator(chunk_size=CHUNK)
    )
    return header, rows


def _sites(tenant: Tenant, base: str) -> tuple[list[str], Iterable[list]]:
    sites = list(subtree_sites(tenant).select_related("parent").order_by("tree_id", "lft"))
    hosts = primary_hostnames([s.pk for s in sites])
    scheme = base.split("://", 1)[0]
    header = ["slug", "name", "kind", "parent", "hostname", "url", "address", "phone", "email"]
    rows = (
        [
            s.slug,
            s.name,
            s.kind,
            s.parent.slug if s.parent_id else "",
            hosts.get(s.pk, ""),
            f"{scheme}://{hosts[s.pk]}/" if s.pk in hosts else "",
            s.address,
            s.phone,
            s.email,
        ]
        for s in sites
    )
    return header, rows


EXPORTS: dict[str, Callable[[Tenant, str], tuple[list[str], Iterable[list]]]] = {
    "thu-tuc-hanh-chinh": _procedures,
    "van-ban": _documents,
    "don-vi": _sites,
}


def csv_lines(name: str, tenant: Tenant, base: str) -> Iterator[str] | None:
    export = EXPORTS.get(name)
    if export is None:
        return None
    header, rows = export(tenant, base)
    return _lines(header, rows)
