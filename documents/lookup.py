"""The contract other apps use to link document numbers they cite (procedures, disclosure).

from documents.lookup import document_urls_by_number, normalise_number
urls = document_urls_by_number(["15/2024/QĐ-UBND", "3/2025/NQ-HĐND"], request.tenant)
urls.get(normalise_number("15/2024/QD-UBND"))  # -> "/van-ban/42/" or None
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Document
from .numbers import normalise_number

__all__ = ["document_urls_by_number", "normalise_number"]


def document_urls_by_number(numbers: Iterable[str], tenant) -> dict[str, str]:
    """Normalised number -> path (in the active language, as reverse() gives it) of the
    published document visible from `tenant` (its own or an ancestor's), in one query.
    The tenant's own document wins over an ancestor's; numbers not found are absent."""
    wanted = {normalise_number(n) for n in numbers if n and n.strip()}
    wanted.discard("")
    if not wanted:
        return {}
    own_or_ancestor = tenant.ancestors_q("tenant__")
    rows = (
        Document.objects.published()
        .filter(own_or_ancestor, number_normalised__in=wanted)
        .order_by("-tenant__level", "-issued_on", "-id")
        .values_list("number_normalised", "pk")
    )
    urls: dict[str, str] = {}
    for number, pk in rows:
        if number not in urls:
            urls[number] = Document(pk=pk).get_absolute_url()
    return urls
