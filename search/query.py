"""Turning what a user typed into something PostgreSQL cannot choke on.

The words go to `websearch_to_tsquery`, which never raises a syntax error and
understands "quoted phrases", -excludes and `or`. Before that we keep only letters,
digits, quotes and dashes, cap the length, and lift document numbers out as single
tokens ("15/2024/QĐ-UBND" → ref152024qdubnd), which the index stores the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .text import DOCUMENT_NUMBER, MAX_QUERY, NUMBER_YEAR, clean, has_diacritics, reference_token

_KEEP = re.compile(r"[^\w\s\"'\-]", re.UNICODE)
_EXCLUDED = re.compile(r"(?:^|\s)-(?:\"[^\"]*\"?|\S+)")
_WORD = re.compile(r"[^\W_]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class ParsedQuery:
    shown: str  # what we echo back in the box and the URL (cleaned, capped)
    words: str = ""  # for websearch_to_tsquery; empty when only numbers were typed
    refs: tuple[str, ...] = ()  # document-number tokens, all required
    exact: bool = False  # typed with diacritics: rank exact spellings higher
    phrase: str = ""  # the positive words, for the "whole phrase" ranking bonus
    positive: str = ""  # the words to look for (no excludes, no quotes): highlighting
    messages: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.refs

    @property
    def only_exact_words(self) -> bool:
        """Every word typed with diacritics, no operators, no document number."""
        if self.refs or re.search(r"[\"-]|\bor\b", self.words, re.IGNORECASE):
            return False
        return len(self.exact_words.split()) == len(_NON_WORD.sub(" ", self.positive).split())

    @property
    def exact_words(self) -> str:
        """The words typed with diacritics (each must then appear as typed)."""
        words = _SPACES.sub(" ", _NON_WORD.sub(" ", self.positive)).split()
        return " ".join(w for w in words if has_diacritics(w))


def parse(raw: str | None) -> ParsedQuery:
    text = clean(raw or "", 10_000)
    messages: list[str] = []
    if len(text) > MAX_QUERY:
        text = text[:MAX_QUERY].rsplit(" ", 1)[0] or text[:MAX_QUERY]
        messages.append(str(_("Từ khóa quá dài nên chỉ dùng %(n)s ký tự đầu.") % {"n": MAX_QUERY}))
    shown = text
    refs: list[str] = []
    for pattern in (DOCUMENT_NUMBER, NUMBER_YEAR):
        for match in pattern.finditer(text):
            token = reference_token(match.group(0))
            if token and token not in refs:
                refs.append(token)
        text = pattern.sub(" ", text)
    words = _SPACES.sub(" ", _KEEP.sub(" ", text)).strip()
    positive = _SPACES.sub(" ", _EXCLUDED.sub(" ", words)).replace('"', " ").strip()
    if not _WORD.search(positive):
        # Nothing to look for (only punctuation, emoji or excludes): a full scan for
        # "everything except X" is not offered.
        if not refs and shown:
            messages.append(str(_("Hãy nhập ít nhất một từ cần tìm (chữ hoặc số).")))
        words = positive = ""
    return ParsedQuery(
        shown=shown,
        words=words,
        refs=tuple(refs[:5]),
        exact=has_diacritics(positive),
        phrase=positive if " " in positive else "",
        positive=positive,
        messages=tuple(messages),
    )
