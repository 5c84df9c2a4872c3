from celery import shared_task

from . import publishing


@shared_task
def deliver(post_id: int) -> str | None:
    # Retries are kept on the row (next_attempt_at) and sent by send_due, not by Celery:
    # a lost broker message never loses a retry.
    return publishing.deliver(post_id)


@shared_task
def send_due() -> int:
    return publishing.send_due()
