"""Celery tasks: thin wrappers that load by id and call procedures.sync."""

from celery import shared_task

from . import sync
from .models import SyncSource


@shared_task
def sync_source(source_id: int, dry_run: bool = False, trigger: str = "task") -> int:
    """Sync one source from its URL; returns the SyncRun id (failures are recorded there)."""
    source = SyncSource.objects.select_related("tenant").get(pk=source_id)
    return sync.sync_source(source, dry_run=dry_run, trigger=trigger).pk


@shared_task
def sync_all_sources() -> dict[str, str]:
    """The nightly sync of every active source that has a URL."""
    outcomes = {}
    for source in (
        SyncSource.objects.filter(is_active=True).exclude(url="").select_related("tenant")
    ):
        outcomes[source.slug] = sync.sync_source(source, trigger="schedule").outcome
    return outcomes
