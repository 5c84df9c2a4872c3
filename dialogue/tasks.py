"""Celery tasks: mail to the asker leaves the request; they take ids and may run twice."""

import logging

from celery import shared_task

from . import notifications

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> None:
    """Queue a mail; with the broker down, send it in-process rather than fail the page."""
    try:
        task.delay(*args)
    except Exception:  # noqa: BLE001 - kombu raises several kinds of connection errors
        logger.warning("broker unavailable, mailing in process", exc_info=True)
        try:
            task(*args)
        except Exception:  # noqa: BLE001
            logger.exception("could not mail for inquiry %s", args[0])


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mail_received(inquiry_id: int) -> None:
    notifications.received(inquiry_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mail_status_changed(inquiry_id: int, status: str) -> None:
    notifications.status_changed(inquiry_id, status)
