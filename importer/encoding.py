"""Bytes of an old page → Unicode text (NFC), including the pre-Unicode Vietnamese fonts.

Old government pages come as UTF-8, Windows-1258 (tones as combining marks) or text
typed in TCVN3 (ABC) ".Vn" fonts, whose bytes read as Latin-1 look like "Ho¹t ®éng".
TCVN3 is recognised by its signature: many Latin-1 letters that Vietnamese never
uses (µ ¸ ¹ ® …) and none of the letters beyond U+00FF that Unicode Vietnamese
always has (đ ơ ư ạ …).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata

from charset_normalizer import from_bytes

# TCVN3 (TCVN 5712:1993, VN3 "ABC") byte → Unicode. Capital toned letters live in the
# separate ".VnTimeH" fonts with the same bytes as the small ones: read as small.
_TCVN3 = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
TCVN3_TABLE = {chr(byte): char for byte, char in _TCVN3.items()}
# Latin-1 characters that are common in TCVN3 text and rare in any real language.
# (é, ô, à … are left out: French or Western names use them too.)
_TCVN3_SIGNATURE = set("µ¸¹®\u00adª«¬¶·»¼½¾ÆÇÈÉËÌÎÏÑÒÓÔÕÖ×ØÜÝÞßåæçëîïñö÷øûüþ")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_VN_FONT = re.compile(r"""font-family\s*:\s*["']?\.?vn(?:time|arial|helv|avant|courier)""", re.I)
_VIETNAMESE_BEYOND_LATIN1 = re.compile(r"[\u0100-\u01b0\u1ea0-\u1ef9]")


# VNI (VNI-Times fonts): a base letter followed by a mark byte ("Vieät Nam" = "Việt Nam");
# ơ, ư, đ and a few i/y forms are single bytes. Built here from the two mark rows.
_VNI_TONES = {"ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT = {"â": "", "à": "\u0300", "á": "\u0301", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "è": "\u0300", "é": "\u0301", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for lower in (True, False):

        def case(text: str, lower: bool = lower) -> str:
            return text if lower else text.upper()

        for base in "aeiouy":
            for mark, tone in _VNI_TONES.items():
                table[case(base) + case(mark)] = unicodedata.normalize("NFC", case(base) + tone)
        for base, hat in (("a", "\u0302"), ("e", "\u0302"), ("o", "\u0302")):
            for mark, tone in _VNI_HAT.items():
                table[case(base) + case(mark)] = unicodedata.normalize(
                    "NFC", case(base) + hat + tone
                )
        for mark, tone in _VNI_BREVE.items():
            table[case("a") + case(mark)] = unicodedata.normalize(
                "NFC", case("a") + "\u0306" + tone
            )
        for horned, plain in (("ô", "ơ"), ("ö", "ư")):  # ơ and ư, then their tones
            table[case(horned)] = case(plain)
            for mark, tone in _VNI_TONES.items():
                table[case(horned) + case(mark)] = unicodedata.normalize("NFC", case(plain) + tone)
        single = {"ñ": "đ", "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
        for char, letter in single.items():
            table.setdefault(case(char), case(letter))
    return table


VNI_TABLE = _vni_table()
_VNI_SEQUENCE = re.compile("|".join(sorted(map(re.escape, VNI_TABLE), key=len, reverse=True)))
_VNI_PAIR = re.compile(r"[aeiouyAEIOUY][øùûõïâàáåãäêèéúüëØÙÛÕÏÂÀÁÅÃÄÊÈÉÚÜË]|[ñöôÑÖÔ]")


class EncodingError(ValueError):
    """Text whose encoding cannot be decided; the message is for the operator."""


def looks_tcvn3(text: str) -> bool:
    """True for text typed in TCVN3 fonts but read as Latin-1 / Windows-1252."""
    high = [ch for ch in text if "\u00a0" < ch <= "\u00ff"]
    if len(high) < 5 or _VIETNAMESE_BEYOND_LATIN1.search(text):
        return False
    signature = sum(1 for ch in high if ch in _TCVN3_SIGNATURE)
    return signature / len(high) > 0.35 or bool(_VN_FONT.search(text))


def looks_vni(text: str) -> bool:
    """True for text typed in VNI fonts and read as Windows-1252 ("Thoâng baùo")."""
    high = sum(1 for ch in text if "\u00a0" < ch <= "\u00ff")
    if high < 5 or _VIETNAMESE_BEYOND_LATIN1.search(text):
        return False
    return len(_VNI_PAIR.findall(text)) / high > 0.7


def from_vni(text: str) -> str:
    return _VNI_SEQUENCE.sub(lambda m: VNI_TABLE[m.group(0)], text)


def from_tcvn3(text: str) -> str:
    return "".join(TCVN3_TABLE.get(ch, ch) for ch in text)


def _declared(raw: bytes, header_charset: str | None) -> str | None:
    if header_charset:
        return header_charset.strip().lower()
    found = _META_CHARSET.search(raw[:4096])
    return found.group(1).decode("ascii", "ignore").lower() if found else None


def decode_page(raw: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """(text in NFC, the encoding used: "utf-8", "windows-1258", "tcvn3", …).

    Raises EncodingError when no reading gives sensible text.
    """
    declared = _declared(raw, header_charset)
    text: str | None = None
    used = ""
    if raw.startswith(b"\xef\xbb\xbf"):
        text, used = raw[3:].decode("utf-8", "replace"), "utf-8"
    else:
        with contextlib.suppress(UnicodeDecodeError):
            text, used = raw.decode("utf-8"), "utf-8"
    if text is None and declared and declared not in ("utf-8", "utf8"):
        try:
            text, used = raw.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        best = from_bytes(raw).best()
        if best is None:
            raise EncodingError("Không xác định được bảng mã của trang.")
        text, used = str(best), best.encoding
    if looks_vni(text):
        text, used = from_vni(text), "vni"
    elif looks_tcvn3(text):
        text, used = from_tcvn3(text), "tcvn3"
    elif text.count("\ufffd") > max(3, len(text) // 200):
        raise EncodingError(f"Trang có nhiều ký tự không đọc được (bảng mã {declared or used}?).")
    return unicodedata.normalize("NFC", text), used
