"""Vietnamese spelling variants and accent-insensitive highlighting, in Python.

- `same_spelling`: "kí"/"ký", "lí"/"lý", "quí"/"quý", "mĩ"/"mỹ" are both accepted
  spellings of one syllable (a consonant onset, or "qu", then a lone i/y). The index
  and the queries both write them with "i", so each finds the other. "tuy"/"tui",
  "thủy"/"thủi" (u + y is another vowel) and a lone "y" ("y tế") are left alone.
- `Highlighter`: marks the typed words in a title and cuts a snippet around the first
  match, whatever the diacritics (a regex per word; C speed on a 10,000-character body,
  where ts_headline over whole bodies cost most of a search).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .text import fold

_Y_TO_I = str.maketrans("yýỳỷỹỵYÝỲỶỸỴ", "iíìỉĩịIÍÌỈĨỊ")
_ONSET = r"(?:qu|ngh|ng|gh|ch|kh|nh|ph|th|tr|[bcdđghklmnprstvx])"
_LONE_Y = re.compile(rf"(?<!\w)({_ONSET})([yýỳỷỹỵ])(?!\w)", re.IGNORECASE)
_LONE_I_OR_Y = re.compile(rf"^{_ONSET}[iy]$")


def same_spelling(text: str) -> str:
    """Write a lone y after an onset as i ("Kỹ thuật" → "Kĩ thuật", "quý" → "quí")."""
    return _LONE_Y.sub(lambda m: m.group(1) + m.group(2).translate(_Y_TO_I), text)


def _letter_classes() -> dict[str, str]:
    """'a' → '[aàá…ậ]': every precomposed letter that folds to each base letter."""
    members: dict[str, set[str]] = {}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        if unicodedata.category(char) != "Ll":
            continue
        base = fold(char)
        if len(base) == 1 and base.isascii() and base.isalpha():
            members.setdefault(base, {base}).add(char)
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in members.items()}


_CLASSES = _letter_classes()


def _word_pattern(word: str) -> str:
    """Any spelling of a folded word: diacritics free, a lone final i/y either way."""
    parts = [_CLASSES.get(ch, re.escape(ch)) for ch in word]
    if _LONE_I_OR_Y.match(word):
        parts[-1] = "(?:" + _CLASSES["i"] + "|" + _CLASSES["y"] + ")"
    return "".join(parts)


@lru_cache(maxsize=256)
def _compiled(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alternatives = "|".join(_word_pattern(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


class Highlighter:
    """Marks `words` (as typed; folded here) with the given start/stop markers."""

    def __init__(self, words: list[str], start: str, stop: str) -> None:
        folded = tuple(sorted({fold(w) for w in words if w and w.lower() != "or"}))
        self.pattern = _compiled(folded)
        self.start, self.stop = start, stop

    def mark(self, text: str) -> str:
        if not self.pattern or not text:
            return text
        return self.pattern.sub(lambda m: f"{self.start}{m.group(0)}{self.stop}", text)

    def snippet(self, text: str, width: int = 240, before: int = 70) -> str:
        """About 40 words of `text` around the first match (its start if none), marked."""
        if not text:
            return ""
        found = self.pattern.search(text) if self.pattern else None
        start = max(0, found.start() - before) if found else 0
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < found.start() else start
        end = start + width
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
        excerpt = text[start:end].strip()
        return ("… " if start else "") + self.mark(excerpt) + (" …" if end < len(text) else "")
