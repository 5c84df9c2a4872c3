from celery import shared_task

from . import publishing


@shared_task
def run_publication_schedule() -> dict[str, int]:
    """Scheduled publish and unpublish for every publishable model (Celery beat)."""
    return publishing.run_schedule()
