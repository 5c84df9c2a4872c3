"""Celery tasks: thin wrappers that load by id and call the rule modules."""

from __future__ import annotations

import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

from tenants.models import Tenant

from . import accessibility, jobs, scoring, visits
from .models import ExportJob

SECONDS_PER_HOUR = 3600
logger = logging.getLogger(__name__)


def due_tenant_ids(hour: int) -> list[int]:
    """The sites measured in this hour of the day: each site gets a fixed hour (id mod 24),
    so 4,000 sites make about 170 runs an hour instead of 4,000 at once."""
    ids = Tenant.objects.filter(is_active=True, is_archived=False).values_list("pk", flat=True)
    return [pk for pk in ids if pk % 24 == hour]


@shared_task
def measure_due_sites() -> int:
    """Beat, every hour: queue this hour's sites, spread over the hour."""
    ids = due_tenant_ids(timezone.localtime().hour)
    for pk in ids:
        measure_site.apply_async(args=[pk], countdown=(pk * 37) % SECONDS_PER_HOUR)
    return len(ids)


@shared_task(soft_time_limit=600)
def measure_site(tenant_id: int, user_id: int | None = None) -> int:
    tenant = Tenant.objects.get(pk=tenant_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return scoring.measure_site(tenant, by=user).pk


@shared_task(soft_time_limit=3600)
def measure_sites(tenant_ids: list[int]) -> int:
    """A batch of sites in one task (compliance/fleet.py): one catalogue read, and the
    browser this worker process keeps from one batch to the next."""
    tenants = Tenant.objects.filter(pk__in=tenant_ids).order_by("lft")
    with accessibility.kept_browser():
        return len(scoring.measure_sites(tenants))


@shared_task
def flush_visits() -> int:
    return visits.flush()


@shared_task(soft_time_limit=1800)
def run_export(job_id: int) -> None:
    job = ExportJob.objects.select_related("tenant").get(pk=job_id)
    if job.state == ExportJob.State.DONE:
        return  # safe to run twice
    try:
        jobs.build(job)
    except Exception as exc:  # noqa: BLE001 - the failure is shown on the job, not lost
        logger.exception("export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            state=ExportJob.State.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
