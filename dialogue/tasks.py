"""Celery tasks: mail to the asker leaves the request; they take ids and may run twice."""

import logging

from celery import shared_task

from operations import outbox

from . import notifications

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> None:
    """Queue a mail; with the broker down it waits in the outbox, never fails the page."""
    outbox.enqueue(task, *args)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mail_received(inquiry_id: int) -> None:
    notifications.received(inquiry_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def mail_status_changed(inquiry_id: int, status: str) -> None:
    notifications.status_changed(inquiry_id, status)
