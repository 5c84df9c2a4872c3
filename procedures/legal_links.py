"""The one place that links a procedure's legal basis to the documents module."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from documents.lookup import document_urls_by_number, normalise_number
from tenants.models import Tenant


@dataclass(frozen=True)
class LegalReference:
    number: str
    title: str
    url: str = ""


def document_urls(numbers: Iterable[str], tenant: Tenant) -> dict[str, str]:
    """URL of each document the documents module holds, keyed by our normalised number."""
    numbers = [n for n in numbers if n]
    if not numbers:
        return {}
    return document_urls_by_number(numbers, tenant)  # keyed by normalise_number


def legal_references(entries: list[dict], tenant: Tenant) -> list[LegalReference]:
    """The legal basis as the detail page shows it, with a link where the document exists."""
    urls = document_urls([e.get("number", "") for e in entries], tenant)
    return [
        LegalReference(
            number=e.get("number", ""),
            title=e.get("title", ""),
            url=urls.get(normalise_number(e.get("number", "")), "") if e.get("number") else "",
        )
        for e in entries
    ]
