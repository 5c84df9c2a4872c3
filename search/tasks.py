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


@shared_task(ignore_result=True)
def record_search(tenant_id: int, query: str, found: bool) -> None:
    from . import analytics

    analytics.record(tenant_id, query, found)
