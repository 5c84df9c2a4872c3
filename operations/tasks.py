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


@shared_task
def purge_personal_data() -> dict[str, int]:
    """Anonymise citizens' personal data past its retention period (beat, nightly)."""
    from . import retention

    return retention.purge()


@shared_task
def export_static_fallback() -> str:
    """Refresh the static fallback (beat, nightly) when STATIC_FALLBACK_DIR is set."""
    from pathlib import Path

    from django.conf import settings

    from . import static_export

    if not settings.STATIC_FALLBACK_DIR:
        return "STATIC_FALLBACK_DIR not set"
    results = static_export.export_all(Path(settings.STATIC_FALLBACK_DIR))
    return f"{len(results)} sites, {sum(r.pages for r in results)} pages"


@shared_task
def export_static_for_downtime() -> str:
    """Refresh the static fallback of the sites of a planned downtime as it starts
    (beat, every minute; once per notice) when STATIC_FALLBACK_DIR is set."""
    from pathlib import Path

    from django.conf import settings

    from . import static_export

    if not settings.STATIC_FALLBACK_DIR:
        return "STATIC_FALLBACK_DIR not set"
    results = static_export.export_for_starting_downtime(Path(settings.STATIC_FALLBACK_DIR))
    return f"{len(results)} sites"
