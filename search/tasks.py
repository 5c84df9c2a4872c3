from celery import shared_task

from . import indexing


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def reindex_object(label: str, pk: str) -> int:
    """Replace the index rows of one object with its current entries (none if hidden)."""
    return indexing.reindex(label, pk)


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def reindex_objects(label: str, pks: list[str]) -> int:
    """The bulk variant (a catalogue sync): the rows of up to BULK_BATCH objects at once."""
    return indexing.reindex_many(label, pks)


# No longer sent (the results page queues its count in Redis, analytics.record_later);
# kept so that messages already in the broker at the upgrade are still counted.
@shared_task(ignore_result=True)
def record_search(tenant_id: int, query: str, found: bool) -> None:
    from . import analytics

    analytics.record(tenant_id, query, found)


@shared_task(ignore_result=True)
def drain_analytics() -> int:
    """Write the searches queued by the results page (every minute, search/schedule.py)."""
    from . import analytics

    return analytics.drain()
