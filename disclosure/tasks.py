from celery import shared_task

from . import states


@shared_task
def refresh_record_states() -> int:
    """Daily: expire plans whose period ended, close recruitments past their deadline."""
    return states.refresh_states()
