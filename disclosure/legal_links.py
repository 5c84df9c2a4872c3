"""The one place where a record's reference decision (stored as text) is linked to the
documents module, when a document with that number exists on the site."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tenants.text import fold_vietnamese

_SPACES = re.compile(r"\s+")


def number_key(number: str) -> str:
    """Tolerant of how either side spells a number: case, spaces and diacritics."""
    return _SPACES.sub("", fold_vietnamese(number or "")).upper()


def document_urls(numbers: Iterable[str], tenant) -> dict[str, str]:
    """{number_key(number): url} for the numbers the documents module knows; {} until the
    documents module is merged (main removes the ImportError fallback then)."""
    wanted = sorted({number.strip() for number in numbers if number and number.strip()})
    if not wanted:
        return {}
    try:
        from documents.lookup import document_urls_by_number
    except ImportError:
        return {}
    found = document_urls_by_number(wanted, tenant)
    return {number_key(number): url for number, url in found.items()}


def reference_url(record) -> str | None:
    """Where the record's reference decision can be read on this product, if anywhere."""
    urls = document_urls([record.reference_number], record.tenant)
    return urls.get(number_key(record.reference_number))
