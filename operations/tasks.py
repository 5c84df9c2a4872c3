from celery import shared_task

from . import outbox


@shared_task
def drain_outbox() -> dict[str, int]:
    """Send the tasks kept while the broker was down (beat, every minute)."""
    sent, left = outbox.drain()
    return {"sent": sent, "left": left}


@shared_task
def nightly_backup() -> str:
    """`manage.py backup` into BACKUP_DIR (beat, nightly); nothing when it is not set."""
    from django.conf import settings
    from django.core.management import call_command

    if not settings.BACKUP_DIR:
        return "BACKUP_DIR not set"
    call_command("backup")
    return "ok"
