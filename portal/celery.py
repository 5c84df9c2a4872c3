"""Celery app; beat entries come from each app's `schedule.SCHEDULE` (see portal.hooks)."""

import os

from celery import Celery
from celery.signals import worker_process_init, worker_process_shutdown

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def collect_beat_schedule(sender: Celery, **kwargs) -> None:
    from .hooks import app_modules

    schedule: dict = {}
    for module in app_modules("schedule"):
        schedule.update(getattr(module, "SCHEDULE", {}))
    sender.conf.beat_schedule = schedule


@worker_process_init.connect
def tune_garbage_collector(**kwargs) -> None:
    """A worker process measures sites and builds exports for minutes on end: the same
    collector settings as the web processes (portal/gc_tuning.py)."""
    from django.conf import settings

    from .gc_tuning import tune

    tune(settings.SERVER_GC_THRESHOLDS)


@worker_process_shutdown.connect
def close_kept_browser(**kwargs) -> None:
    """The browser a worker process kept for its measurements (compliance/accessibility.py)."""
    from compliance.accessibility import close_kept_browser

    close_kept_browser()
