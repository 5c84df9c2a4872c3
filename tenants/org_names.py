"""English names of Vietnamese state bodies, for /en/ pages where a body is typed as text
(a document's issuer, a procedure's agency, a site's governing body) and has no English
copy: "Hội đồng nhân dân tỉnh Sơn Lâm" → "People's Council of Son Lam Province".

The forms follow the ones the central government uses in English (People's Council,
People's Committee, Department of …); place names lose their diacritics, as in official
English ("Sơn Lâm" → "Son Lam"). A name no rule knows is left as it is (None here).
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import get_language

from .text import fold_vietnamese

# Folded, lower-case Vietnamese → English. Longest first, so that "Văn phòng Ủy ban nhân
# dân" wins over "Ủy ban nhân dân".
_BODIES = {
    "van phong doan dai bieu quoc hoi va hoi dong nhan dan": (
        "Office of the National Assembly Delegation and People's Council"
    ),
    "van phong hoi dong nhan dan va uy ban nhan dan": (
        "Office of the People's Council and People's Committee"
    ),
    "van phong hdnd va ubnd": "Office of the People's Council and People's Committee",
    "van phong uy ban nhan dan": "Office of the People's Committee",
    "van phong ubnd": "Office of the People's Committee",
    "uy ban mat tran to quoc viet nam": "Vietnam Fatherland Front Committee",
    "doan dai bieu quoc hoi": "National Assembly Delegation",
    "hoi dong nhan dan": "People's Council",
    "uy ban nhan dan": "People's Committee",
    "thuong truc hdnd": "Standing Committee of the People's Council",
    "hdnd": "People's Council",
    "ubnd": "People's Committee",
    "toa an nhan dan": "People's Court",
    "vien kiem sat nhan dan": "People's Procuracy",
    "bo chi huy quan su": "Military Command",
    "cong an": "Police",
    "thanh tra": "Inspectorate",
    "so tai chinh": "Department of Finance",
    "so noi vu": "Department of Home Affairs",
    "so tu phap": "Department of Justice",
    "so xay dung": "Department of Construction",
    "so y te": "Department of Health",
    "so giao duc va dao tao": "Department of Education and Training",
    "so van hoa, the thao va du lich": "Department of Culture, Sports and Tourism",
    "so van hoa, the thao": "Department of Culture and Sports",
    "so nong nghiep va moi truong": "Department of Agriculture and Environment",
    "so khoa hoc va cong nghe": "Department of Science and Technology",
    "so cong thuong": "Department of Industry and Trade",
    "so ngoai vu": "Department of Foreign Affairs",
    "so dan toc va ton giao": "Department of Ethnic and Religious Affairs",
}
_BODY_ORDER = sorted(_BODIES, key=len, reverse=True)

# Level of government: (folded word, English noun after a place, adjective without one).
_LEVELS = sorted(
    [
        ("tinh", "Province", "Provincial"),
        ("thanh pho", "City", "City"),
        ("thi xa", "Town", "Town"),
        ("thi tran", "Township", "Township"),
        ("huyen", "District", "District"),
        ("quan", "District", "District"),
        ("xa", "Commune", "Commune"),
        ("phuong", "Ward", "Ward"),
        ("dac khu", "Special Zone", "Special Zone"),
    ],
    key=lambda level: len(level[0]),
    reverse=True,
)
_SPACES = re.compile(r"\s+")


def english_org_name(name: str) -> str | None:
    """The English form of a Vietnamese body's name, or None when no rule knows it."""
    folded = _SPACES.sub(" ", fold_vietnamese(unicodedata.normalize("NFC", name or ""))).strip()
    lower = folded.lower()
    for body in _BODY_ORDER:
        if lower == body:
            return _BODIES[body]
        if lower.startswith(body + " "):
            return _with_place(_BODIES[body], folded[len(body) + 1 :].strip())
    return None


def _with_place(english: str, rest: str) -> str | None:
    lower = rest.lower()
    for word, noun, adjective in _LEVELS:
        if lower == word:
            return f"{adjective} {english}"
        if lower.startswith(word + " "):
            place = rest[len(word) + 1 :].strip()
            if place.isdigit():  # "phường 3" → "Ward 3"
                return f"{english} of {noun} {place}"
            place = " ".join(part[:1].upper() + part[1:] for part in place.split(" "))
            return f"{english} of {place} {noun}"
    return None


def in_language(name: str) -> str:
    """`name` as the active language shows it: its English form on /en/ when one is known."""
    if get_language() != "en":
        return name
    return english_org_name(name) or name
