"""Report data for auditors (a site or a subtree, a period) and its signature.

`report_data` reads; compliance.exports writes the CSV, XLSX and PDF files from it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.db.models import Max

from tenants.models import Tenant

from .models import IndicatorResult, MeasurementRun
from .scoring import Rollup, rollup

logger = logging.getLogger(__name__)

RESULT_COLUMNS = [
    ("site", "Đơn vị"),
    ("kind", "Loại"),
    ("measured_at", "Thời điểm đo"),
    ("code", "Mã chỉ số"),
    ("indicator", "Chỉ số"),
    ("axis", "Trục"),
    ("status", "Kết quả"),
    ("value", "Giá trị"),
    ("summary", "Tóm tắt / bằng chứng"),
    ("legal_basis", "Căn cứ pháp lý"),
]
SCORE_COLUMNS = [
    ("site", "Đơn vị"),
    ("kind", "Loại"),
    ("measured_at", "Thời điểm đo"),
    ("score_a", "Trục a"),
    ("score_b", "Trục b"),
    ("score_c", "Trục c"),
    ("score", "Tổng"),
]


@dataclass
class ReportData:
    root: Tenant
    since: datetime
    until: datetime
    sites: list[dict] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)
    rollup: Rollup | None = None


def report_data(
    root: Tenant, since: datetime, until: datetime, *, allowed_ids: frozenset[int] | None
) -> ReportData:
    """For each site of `root`'s subtree the user may read, its latest run in the period.

    A constant number of queries whatever the number of sites."""
    tenants = Tenant.objects.filter(root.subtree_q()).order_by("lft")
    if allowed_ids is not None:
        tenants = tenants.filter(pk__in=allowed_ids)
    tenants = list(tenants)
    by_id = {t.pk: t for t in tenants}
    last = (
        MeasurementRun.objects.filter(
            tenant_id__in=list(by_id),
            state=MeasurementRun.State.DONE,
            started_at__gte=since,
            started_at__lt=until,
        )
        .values("tenant_id")
        .annotate(last=Max("started_at"))
    )
    runs = list(
        MeasurementRun.objects.filter(
            state=MeasurementRun.State.DONE,
            tenant_id__in=[row["tenant_id"] for row in last],
            started_at__in=[row["last"] for row in last],
        )
    )
    pairs = {(row["tenant_id"], row["last"]) for row in last}
    runs = {run.tenant_id: run for run in runs if (run.tenant_id, run.started_at) in pairs}
    data = ReportData(root=root, since=since, until=until)
    for tenant in tenants:
        run = runs.get(tenant.pk)
        data.sites.append(
            {
                "site": tenant.name,
                "kind": tenant.get_kind_display(),
                "measured_at": run.started_at if run else None,
                "score_a": run.score_a if run else None,
                "score_b": run.score_b if run else None,
                "score_c": run.score_c if run else None,
                "score": run.score if run else None,
            }
        )
    results = IndicatorResult.objects.filter(run__in=list(runs.values())).select_related(
        "run__tenant"
    )
    for result in results.order_by("run__tenant__lft", "axis", "code"):
        data.results.append(
            {
                "site": result.run.tenant.name,
                "kind": result.run.tenant.get_kind_display(),
                "measured_at": result.run.started_at,
                "code": result.code,
                "indicator": result.name_vi or result.name,
                "axis": result.axis,
                "status": result.get_status_display(),
                "value": result.value,
                "summary": result.summary,
                "legal_basis": result.legal_basis,
            }
        )
    data.rollup = rollup(
        root,
        [t for t in tenants if t.is_active and not t.is_archived],
        {
            t: {
                "score_a": r.score_a,
                "score_b": r.score_b,
                "score_c": r.score_c,
                "score": r.score,
            }
            for t, r in runs.items()
        },
    )
    return data


def sign_report(pdf_bytes: bytes, tenant: Tenant) -> tuple[bytes, bool]:
    """Sign the PDF with the province's credential through the documents app's
    ``documents.signing.sign_pdf_bytes`` (pyHanko, PAdES, a visible stamp); the portal's
    verification page (/kiem-tra-chu-ky-so/) checks it. Without the documents app, or when
    the province has no usable credential, the report is returned unsigned (the reason is
    logged). Returns (pdf, signed)."""
    if not apps.is_installed("documents"):
        return pdf_bytes, False
    from documents.signing import SigningError as refused
    from documents.signing import sign_pdf_bytes as function

    root = tenant if tenant.parent_id is None else tenant.get_root()
    try:
        result = function(
            pdf_bytes,
            root,
            reason="Báo cáo đánh giá tuân thủ NĐ 224/2026",
            location=str(root.name),
            stamp_lines=[f"Báo cáo: {tenant.name}"],
        )
    except refused as exc:  # no credential, expired, wrong passphrase...
        logger.warning("compliance report left unsigned for %s: %s", root.pk, exc)
        return pdf_bytes, False
    return getattr(result, "data", result), True
