"""Vietnamese text folding: diacritics off, "đ" to "d", for slugs and hostnames."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[^a-z0-9]+")


def fold_vietnamese(text: str) -> str:
    """Strip Vietnamese diacritics: "Quy hoạch Đất" -> "Quy hoach Dat"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def vn_slugify(text: str, max_length: int = 200) -> str:
    """Slug with diacritics folded: "Quy hoạch sử dụng đất" -> "quy-hoach-su-dung-dat"."""
    slug = _SEPARATORS.sub("-", fold_vietnamese(text).lower()).strip("-")
    return slug[:max_length].rstrip("-")


def compact_name(text: str) -> str:
    """Name folded with no separators, as the Decree 224 hostnames use it."""
    return vn_slugify(text).replace("-", "")
