"""Document numbers ("15/2024/QĐ-UBND") in a form that compares equal however typed."""

from __future__ import annotations

import re

from tenants.text import fold_vietnamese

_SPACES = re.compile(r"\s+")


def normalise_number(text: str) -> str:
    """Upper-case, diacritics folded, spaces removed: "15/2024/qđ-ubnd " -> "15/2024/QD-UBND"."""
    return _SPACES.sub("", fold_vietnamese(text or "")).upper()


def fold_text(text: str) -> str:
    """Lower-case text without diacritics, for search typed with or without them."""
    return _SPACES.sub(" ", fold_vietnamese(text or "")).strip().lower()
