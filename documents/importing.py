"""Import documents from a CSV/JSON export of the national legal-document database.

Idempotent by (issuer, number, year of issue) within a site: an existing document is updated when a
field changed and skipped when nothing did; a row that cannot be read is skipped with
its reason. A dry run reports the same figures and writes nothing."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

from portal.publishing import PublicationStatus

from .models import Document, DocumentField, DocumentKind, DocumentType
from .numbers import normalise_number

# Column names of the national database export (Vietnamese), and our own English ones.
COLUMNS = {
    "number": ("so_ky_hieu", "SoKyHieu", "number"),
    "doc_type": ("loai_van_ban", "LoaiVanBan", "type"),
    "issuing_body": ("co_quan_ban_hanh", "CoQuanBanHanh", "issuer"),
    "issued_on": ("ngay_ban_hanh", "NgayBanHanh", "issued_on"),
    "effective_on": ("ngay_hieu_luc", "NgayHieuLuc", "effective_on"),
    "expires_on": ("ngay_het_hieu_luc", "NgayHetHieuLuc", "expires_on"),
    "summary_vi": ("trich_yeu", "TrichYeu", "summary"),
    "summary_en": ("trich_yeu_en", "summary_en"),
    "signer_name": ("nguoi_ky", "NguoiKy", "signer"),
    "signer_title": ("chuc_vu", "ChucVu", "signer_title"),
    "field": ("linh_vuc", "LinhVuc", "field"),
    "kind": ("nhom", "kind"),
}
KIND_WORDS = {"quy phạm": DocumentKind.NORMATIVE, "điều ước": DocumentKind.TREATY}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"created {self.created}, updated {self.updated}, skipped {self.skipped}"


def read_rows(data: bytes, name: str) -> list[dict]:
    text = data.decode("utf-8-sig")
    if name.lower().endswith(".json"):
        rows = json.loads(text)
        if isinstance(rows, dict):
            rows = rows.get("items") or rows.get("data") or []
        return [row for row in rows if isinstance(row, dict)]
    return list(csv.DictReader(io.StringIO(text)))


def _value(row: dict, key: str) -> str:
    for column in COLUMNS[key]:
        if row.get(column) not in (None, ""):
            return str(row[column]).strip()
    return ""


def _date(text: str) -> date | None:
    if not text:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    raise ValueError(f"ngày không hợp lệ: {text!r}")


def _fields(row: dict) -> dict:
    number = _value(row, "number")
    issuer = _value(row, "issuing_body")
    summary = _value(row, "summary_vi")
    type_name = _value(row, "doc_type")
    issued = _date(_value(row, "issued_on"))
    if not (number and issuer and summary and type_name and issued):
        raise ValueError("thiếu số ký hiệu, loại, cơ quan ban hành, ngày ban hành hoặc trích yếu")
    kind_text = _value(row, "kind").lower()
    kind = next((k for word, k in KIND_WORDS.items() if word in kind_text), None)
    doc_type = DocumentType.objects.filter(name_vi__iexact=type_name).first()
    if doc_type is None:
        doc_type = DocumentType.objects.create(name_vi=type_name, name=type_name)
    values = {
        "number": number,
        "issuing_body": issuer,
        "doc_type": doc_type,
        "summary_vi": summary,
        "summary_en": _value(row, "summary_en"),
        "issued_on": issued,
        "effective_on": _date(_value(row, "effective_on")),
        "expires_on": _date(_value(row, "expires_on")),
        "signer_name": _value(row, "signer_name"),
        "signer_title": _value(row, "signer_title"),
    }
    if kind:
        values["kind"] = kind
    field_name = _value(row, "field")
    if field_name:
        values["field"] = DocumentField.objects.get_or_create(
            name_vi=field_name, defaults={"name": field_name}
        )[0]
    return values


def import_rows(
    rows: list[dict], tenant, *, dry_run: bool = False, publish: bool = True
) -> ImportReport:
    report = ImportReport()
    with transaction.atomic():
        for line, row in enumerate(rows, start=1):
            try:
                with transaction.atomic():
                    _import_one(row, tenant, report, publish)
            except (ValueError, TypeError) as error:
                report.skipped += 1
                report.errors.append(f"dòng {line}: {error}")
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import_one(row: dict, tenant, report: ImportReport, publish: bool) -> None:
    values = _fields(row)
    existing = Document.objects.filter(
        tenant=tenant,
        issuing_body=values["issuing_body"],
        number_normalised=normalise_number(values["number"]),
        issued_year=values["issued_on"].year,
    ).first()
    if existing is None:
        document = Document(tenant=tenant, **values)
        if publish:
            document.status = PublicationStatus.PUBLISHED
            from django.utils import timezone

            document.published_at = timezone.now()
        document.save()
        report.created += 1
        return
    changed = [name for name, value in values.items() if getattr(existing, name) != value]
    if not changed:
        report.skipped += 1
        return
    for name in changed:
        setattr(existing, name, values[name])
    existing.save()
    report.updated += 1
