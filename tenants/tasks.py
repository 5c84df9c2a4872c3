"""Celery tasks of the tenants app: thin wrappers that load by id and call the rules."""

from celery import shared_task


@shared_task(acks_late=True)
def run_site_operation(operation_id: int) -> None:
    """Run or resume a site lifecycle operation; a rerun continues where it stopped."""
    from .lifecycle.merge import execute

    execute(operation_id)
