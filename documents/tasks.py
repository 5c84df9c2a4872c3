"""Celery tasks: thin, take ids, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import signing


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def sign_document(document_id: int) -> str:
    """Sign a document's PDF; a refusal is recorded on the document, not retried."""
    try:
        document = signing.sign_document(document_id)
    except signing.SigningError as error:
        return f"failed: {error}"
    return document.signing_state
