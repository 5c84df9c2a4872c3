"""Vietnamese dates as old portals print them: "Thứ Hai, 03/11/2025 08:30", "03-11-2025",
"3/11/2025", "ngày 3 tháng 11 năm 2025", plus ISO dates in meta tags."""

from __future__ import annotations

import re
from datetime import datetime

from django.utils import timezone

_NUMERIC = re.compile(
    r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?!\d)"
    r"(?:\D{0,12}?(\d{1,2})\s*[:hH]\s*(\d{2}))?"
)
_TIME_FIRST = re.compile(
    r"(\d{1,2})\s*[:hH]\s*(\d{2})\D{1,12}?(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})"
)
_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")


def _make(year, month, day, hour=0, minute=0) -> datetime | None:
    try:
        naive = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        return None
    if not 1990 <= naive.year <= 2100:
        return None
    return timezone.make_aware(naive)


def parse_vn_date(text: str) -> datetime | None:
    """The first plausible date in `text` (day first), aware in the site's time zone."""
    text = " ".join((text or "").split())
    if not text:
        return None
    found = _TIME_FIRST.search(text)
    if found:
        hour, minute, day, month, year = found.groups()
        value = _make(year, month, day, hour, minute)
        if value:
            return value
    for match in _NUMERIC.finditer(text):
        day, month, year, hour, minute = match.groups()
        value = _make(year, month, day, hour, minute)
        if value:
            return value
    found = _WORDS.search(text)
    if found:
        day, month, year = found.groups()
        return _make(year, month, day)
    found = _ISO.search(text)
    if found:
        year, month, day, hour, minute = found.groups()
        return _make(year, month, day, hour, minute)
    return None
