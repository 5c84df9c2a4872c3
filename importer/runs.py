"""Starting and carrying out runs: shared by the admin (Celery task) and the command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from .models import ImportRun, RunState, SourceProfile
from .pipeline import ImportRefused, Progress, Report, run

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def queue(
    profile: SourceProfile, *, by: User, dry_run: bool, update_done: bool = False
) -> ImportRun:
    """Record a run and hand it to a worker after the commit."""
    from .tasks import run_import

    run_obj = ImportRun.objects.create(
        tenant=profile.tenant,
        profile=profile,
        dry_run=dry_run,
        update_done=update_done,
        started_by=by,
    )
    transaction.on_commit(lambda: run_import.delay(run_obj.pk))
    return run_obj


def execute(run_id: int, *, progress: Progress | None = None) -> Report | None:
    run_obj = ImportRun.objects.select_related("profile__tenant", "started_by").get(pk=run_id)
    if run_obj.state in (RunState.DONE, RunState.FAILED):
        return None
    ImportRun.objects.filter(pk=run_id).update(state=RunState.RUNNING, started_at=timezone.now())
    try:
        report = run(run_obj, user=run_obj.started_by, progress=progress)
    except ImportRefused as exc:
        ImportRun.objects.filter(pk=run_id).update(
            state=RunState.FAILED, finished_at=timezone.now(), report=str(exc)
        )
        raise
    except Exception as exc:  # the whole run stopped (database gone…): say so, then re-raise
        ImportRun.objects.filter(pk=run_id).update(
            state=RunState.FAILED,
            finished_at=timezone.now(),
            report=f"Dừng do lỗi ({exc.__class__.__name__}): {exc}. "
            "Chạy lại: các mục đã nhập được giữ, lần sau tiếp tục từ chỗ dừng.",
        )
        raise
    ImportRun.objects.filter(pk=run_id).update(
        state=RunState.DONE, finished_at=timezone.now(), report="\n".join(report.lines())
    )
    return report
