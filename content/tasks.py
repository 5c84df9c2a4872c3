"""Celery tasks of the content app: thin wrappers that load by id."""

from celery import shared_task

from . import counters, images


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def make_image_renditions(image_id: int) -> None:
    # Queued when the image had no renditions: made since by the caller, they are the
    # current file's (encoding them again cost the demo seed a third of its time).
    images.process_image(image_id, unless_made=True)


@shared_task
def flush_view_counts() -> int:
    return counters.flush()
