"""Text preparation shared by indexing and querying: folding, document numbers, caps."""

from __future__ import annotations

import re
import unicodedata

from tenants.text import fold_vietnamese

MAX_TEXT = 10_000  # characters of body kept for the vector and snippets
MAX_TITLE = 500
MAX_QUERY = 200

# "15/2024/QĐ-UBND", "123/QĐ-UBND", "01/2024/TT-BTC", "45/NQ-HĐND": digits, optional
# year, then a letter code with dashes. Matched as ONE token ("ref152024qdubnd").
DOCUMENT_NUMBER = re.compile(
    r"(?<![\w/])\d{1,5}(?:/\d{4})?/[^\W\d_][\w]*(?:-[\w]+)*(?![\w/])", re.UNICODE
)
NUMBER_YEAR = re.compile(r"(?<![\w/])\d{1,5}/\d{4}(?![\w])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000-\uf8ff]")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase without diacritics, "đ" → "d" (as unaccent does in the database)."""
    return fold_vietnamese(text).lower()


def reference_token(number: str) -> str:
    token = _NON_ALNUM.sub("", fold(number))
    return f"ref{token}" if token else ""


def reference_tokens(*texts: str) -> list[str]:
    """Tokens for the document numbers in the texts (the reference field included): the
    whole number, and number/year alone so that "15/2024" finds "15/2024/QĐ-UBND"."""
    tokens: list[str] = []
    for text in texts:
        for match in DOCUMENT_NUMBER.finditer(text or ""):
            number = match.group(0)
            short = NUMBER_YEAR.match(number)
            year = short.group(0) if short else ""
            for token in (reference_token(number), reference_token(year)):
                if token and token not in tokens:
                    tokens.append(token)
    return tokens


def clean(text: str, limit: int) -> str:
    """NFC, no control or private-use characters (they mark highlights), spaces collapsed."""
    text = unicodedata.normalize("NFC", text or "")
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()[:limit]


def has_diacritics(text: str) -> bool:
    return fold_vietnamese(text) != text
