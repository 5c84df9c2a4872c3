from celery import shared_task

from . import accounts


@shared_task
def erase_inactive() -> int:
    return accounts.erase_inactive()
