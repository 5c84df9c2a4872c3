"""The one place where a record's reference decision (stored as text) is linked to the
documents module, when a document with that number exists on the site."""

from __future__ import annotations

from collections.abc import Iterable


def document_urls(numbers: Iterable[str], tenant) -> dict[str, str]:
    """{number: url} for the numbers the documents module knows; {} until it is merged."""
    wanted = sorted({number.strip() for number in numbers if number and number.strip()})
    if not wanted:
        return {}
    try:
        from documents.lookup import document_urls_by_number
    except ImportError:  # the documents module lands in parallel; main drops this at merge
        return {}
    return document_urls_by_number(wanted, tenant)
