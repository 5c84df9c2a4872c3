from __future__ import annotations

import contextlib

from celery import shared_task

from . import runs


@shared_task
def run_import(run_id: int) -> None:
    """Carry out a queued run (idempotent: a finished run is left alone)."""
    with contextlib.suppress(runs.ImportRefused):  # the refusal is on the run, in the admin
        runs.execute(run_id)
