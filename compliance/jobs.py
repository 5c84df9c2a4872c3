"""Building an export file for an ExportJob (called by the Celery task)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from operations import outbox
from tenants.access import visible_tenant_ids
from tenants.models import Tenant

from . import exports
from .audit import AUDIT_COLUMNS, audit_queryset, audit_rows
from .models import ExportJob
from .reporting import RESULT_COLUMNS, SCORE_COLUMNS, report_data, sign_report


def request_export(
    tenant: Tenant, *, kind: str, fmt: str, params: dict, by: AbstractBaseUser
) -> ExportJob:
    """Queue an export of `tenant`'s report or audit trail, built by Celery for `by`."""
    from .tasks import run_export  # the task module imports this one

    job = ExportJob.objects.create(
        tenant=tenant, kind=kind, fmt=fmt, params=params, requested_by=by
    )
    outbox.enqueue_on_commit(run_export, job.pk)
    return job


def allowed_ids_for(user) -> frozenset[int] | None:
    return None if user.is_superuser else visible_tenant_ids(user)


def conditions(job: ExportJob) -> dict[str, str]:
    """The job's conditions as staff read them: the days covered (the stored end is the
    midnight after the last day), who and what an audit export is limited to, any other
    stored key as it is."""
    params = dict(job.params or {})
    shown: dict[str, str] = {}
    since = parse_datetime(str(params.pop("since", "") or ""))
    until = parse_datetime(str(params.pop("until", "") or ""))
    if since:
        shown[_("Từ ngày")] = f"{timezone.localtime(since):%d/%m/%Y}"
    if until:
        shown[_("Đến ngày")] = f"{timezone.localtime(until - timedelta(days=1)):%d/%m/%Y}"
    actor_id = params.pop("actor_id", None)
    if actor_id:
        user = get_user_model().objects.filter(pk=actor_id).first()
        shown[_("Người thực hiện")] = user.get_username() if user else f"#{actor_id}"
    model = params.pop("model", "")
    if model:
        shown[_("Loại dữ liệu")] = model
    shown.update({key: str(value) for key, value in params.items()})
    return shown


def _period(job: ExportJob) -> tuple[datetime, datetime]:
    return parse_datetime(job.params["since"]), parse_datetime(job.params["until"])


def build(job: ExportJob) -> None:
    """Write the job's file; progress is saved as rows are written."""
    user = get_user_model().objects.get(pk=job.requested_by_id)
    allowed = allowed_ids_for(user)
    if allowed is not None and job.tenant_id not in allowed:
        raise PermissionError("the requester may not read this site")
    since, until = _period(job)
    job.state, job.progress = ExportJob.State.RUNNING, 5
    job.save(update_fields=["state", "progress"])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if job.kind == ExportJob.Kind.AUDIT:
        content, rows = _audit(job, since, until, allowed)
    else:
        content, rows = _report(job, since, until, allowed)
    job.rows = rows
    job.file.save(
        f"{job.kind}-{job.tenant.slug}-{stamp}.{job.fmt}", ContentFile(content), save=False
    )
    job.state, job.progress = ExportJob.State.DONE, 100
    job.save()


def _progress(job: ExportJob, total: int):
    def report(done: int) -> None:
        percent = min(95, 5 + int(done / max(total, 1) * 90))
        ExportJob.objects.filter(pk=job.pk).update(progress=percent)

    return report


def _audit(job, since, until, allowed) -> tuple[bytes, int]:
    queryset = audit_queryset(
        job.tenant,
        since,
        until,
        allowed_ids=allowed,
        actor_id=job.params.get("actor_id") or None,
        model=job.params.get("model", ""),
    )
    total = queryset.count()
    progress = _progress(job, total)
    if job.fmt == ExportJob.Format.CSV:
        return exports.write_csv(AUDIT_COLUMNS, audit_rows(queryset), progress), total
    summary = [
        ("Nhật ký thay đổi của", job.tenant.name),
        ("Từ", since),
        ("Đến", until),
        ("Số bản ghi", total),
    ]
    return (
        exports.write_xlsx([("Nhật ký", AUDIT_COLUMNS, audit_rows(queryset))], summary, progress),
        total,
    )


def _report(job, since, until, allowed) -> tuple[bytes, int]:
    data = report_data(job.tenant, since, until, allowed_ids=allowed)
    if job.fmt == ExportJob.Format.CSV:
        return exports.write_csv(RESULT_COLUMNS, data.results), len(data.results)
    if job.fmt == ExportJob.Format.PDF:
        pdf, signed = sign_report(exports.write_pdf(data), job.tenant)
        job.signed = signed
        return pdf, len(data.results)
    rollup = data.rollup
    summary = [
        ("Đơn vị", job.tenant.name),
        ("Từ", since),
        ("Đến", until),
        ("Số trang trong phạm vi", rollup.sites),
        ("Số trang đã đo trong kỳ", rollup.measured),
        ("Điểm tổng — mỗi trang một phiếu", rollup.by_site.get("score")),
        ("Điểm tổng — mỗi nhánh một phiếu", rollup.by_branch.get("score")),
        ("Trục a — mỗi trang một phiếu", rollup.by_site.get("score_a")),
        ("Trục b — mỗi trang một phiếu", rollup.by_site.get("score_b")),
        ("Trục c — mỗi trang một phiếu", rollup.by_site.get("score_c")),
    ]
    content = exports.write_xlsx(
        [("Điểm theo trang", SCORE_COLUMNS, data.sites), ("Chỉ số", RESULT_COLUMNS, data.results)],
        summary,
    )
    return content, len(data.results)
