"""Queue Celery work so that an unreachable broker never fails the request or loses it.

`enqueue(task, *args)` sends the task; if the broker refuses, the task is stored in
`OutboxTask` and the page goes on. `drain()` (a beat entry every minute, and
`manage.py drain_outbox`) sends what was kept, oldest first, once the broker answers.
Tasks are idempotent (STYLE.md), so a task sent twice in a race does no harm.
"""

from __future__ import annotations

import logging

from celery import current_app
from django.db import transaction

from .models import OutboxTask

logger = logging.getLogger(__name__)

DRAIN_BATCH = 500


def _send(task_name: str, args: list, kwargs: dict) -> None:
    # retry=False: a down broker raises at once instead of blocking the page for seconds.
    current_app.send_task(task_name, args=args, kwargs=kwargs, retry=False)


def enqueue(task, *args, **kwargs) -> None:
    """Send `task` now, or keep it in the outbox if the broker cannot be reached."""
    if current_app.conf.task_always_eager:
        task.apply_async(args=args, kwargs=kwargs)  # in process: errors are the task's own
        return
    try:
        _send(task.name, list(args), kwargs)
    except Exception as error:  # noqa: BLE001 - kombu and redis raise several kinds
        logger.warning("broker unavailable, %s kept in the outbox: %s", task.name, error)
        OutboxTask.objects.create(task_name=task.name, args=list(args), kwargs=kwargs)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """`enqueue` once the surrounding transaction commits (nothing for a rollback)."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))


def drain(limit: int = DRAIN_BATCH) -> tuple[int, int]:
    """Send kept tasks, oldest first; stop at the first refusal. Returns (sent, left)."""
    sent = 0
    for row in OutboxTask.objects.all()[:limit]:
        try:
            if current_app.conf.task_always_eager:
                current_app.tasks[row.task_name].apply(args=row.args, kwargs=row.kwargs).get()
            else:
                _send(row.task_name, row.args, row.kwargs)
        except Exception as error:  # noqa: BLE001
            OutboxTask.objects.filter(pk=row.pk).update(
                attempts=row.attempts + 1, last_error=str(error)[:500]
            )
            break
        row.delete()
        sent += 1
    return sent, OutboxTask.objects.count()
