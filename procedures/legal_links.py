"""The one place that links a procedure's legal basis to the documents module."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tenants.models import Tenant
from tenants.text import fold_vietnamese

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class LegalReference:
    number: str
    title: str
    url: str = ""


def _key(number: str) -> str:
    # Tolerant of how either side spells the number: case, spaces and diacritics.
    return _SPACES.sub("", fold_vietnamese(number)).upper()


def document_urls(numbers: Iterable[str], tenant: Tenant) -> dict[str, str]:
    """URL of each document the documents module holds, keyed by our normalised number."""
    numbers = [n for n in numbers if n]
    if not numbers:
        return {}
    try:
        from documents.lookup import document_urls_by_number
    except ImportError:  # the documents module is not there yet
        return {}
    return {_key(number): url for number, url in document_urls_by_number(numbers, tenant).items()}


def legal_references(entries: list[dict], tenant: Tenant) -> list[LegalReference]:
    """The legal basis as the detail page shows it, with a link where the document exists."""
    urls = document_urls([e.get("number", "") for e in entries], tenant)
    return [
        LegalReference(
            number=e.get("number", ""),
            title=e.get("title", ""),
            url=urls.get(_key(e.get("number", "")), "") if e.get("number") else "",
        )
        for e in entries
    ]
