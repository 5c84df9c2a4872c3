"""The one place where a record's reference decision (stored as text) is linked to the
documents module, when a document with that number exists on the site."""

from __future__ import annotations

from collections.abc import Iterable

from documents.lookup import document_urls_by_number
from documents.lookup import normalise_number as number_key


def document_urls(numbers: Iterable[str], tenant) -> dict[str, str]:
    """{number_key(number): url} for the numbers the documents module knows."""
    wanted = sorted({number.strip() for number in numbers if number and number.strip()})
    if not wanted:
        return {}
    return document_urls_by_number(wanted, tenant)  # keyed by normalise_number


def reference_url(record) -> str | None:
    """Where the record's reference decision can be read on this product, if anywhere."""
    urls = document_urls([record.reference_number], record.tenant)
    return urls.get(number_key(record.reference_number))
