"""Dates as old portals print them, and the encodings of very old pages."""

from __future__ import annotations

import unicodedata

import pytest
from django.utils import timezone

from importer.dates import parse_vn_date
from importer.encoding import TCVN3_TABLE, EncodingError, decode_page, looks_tcvn3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ Hai, 03/11/2025 08:30", "03/11/2025 08:30"),
        ("Cập nhật lúc 08:30 03/11/2025", "03/11/2025 08:30"),
        ("Ngày đăng: 03-11-2025", "03/11/2025 00:00"),
        ("3/11/2025", "03/11/2025 00:00"),
        ("03.11.2025 - 14h05", "03/11/2025 14:05"),
        ("Hà Nội, ngày 3 tháng 11 năm 2025", "03/11/2025 00:00"),
        ("2025-11-03T08:30:00+07:00", "03/11/2025 08:30"),
    ],
)
def test_vietnamese_dates_are_read_day_first(text, expected):
    value = parse_vn_date(text)
    assert timezone.localtime(value).strftime("%d/%m/%Y %H:%M") == expected


@pytest.mark.parametrize("text", ["", "không có ngày", "31/02/2025", "12/KH-UBND"])
def test_no_date_or_an_impossible_one_gives_none(text):
    assert parse_vn_date(text) is None


def _to_tcvn3(text: str) -> bytes:
    reverse = {char: byte for byte, char in TCVN3_TABLE.items()}
    return "".join(reverse.get(ch, ch) for ch in text).encode("latin-1")


def test_a_tcvn3_page_is_converted_to_unicode():
    raw = b"<html><body><p>" + _to_tcvn3("ủy ban nhân dân xã thông báo lịch tiếp dân") + b"</p>"
    text, used = decode_page(raw, "windows-1252")
    assert used == "tcvn3"
    assert "ủy ban nhân dân xã thông báo lịch tiếp dân" in text


def test_windows_1258_with_combining_tones_comes_out_in_nfc():
    phrase = "Ủy ban nhân dân xã Hòa Bình thông báo kế hoạch"
    # Windows-1258 has â ê ô ơ ư ă precomposed and stores tones as combining marks.
    letters: list[str] = []
    for char in unicodedata.normalize("NFD", phrase):
        if letters and char in "\u0302\u0306\u031b":
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
        else:
            letters.append(char)
    raw = "".join(letters).encode("cp1258")
    text, used = decode_page(b"<p>" + raw + b"</p>", "windows-1258")
    assert used == "windows-1258"
    assert phrase in text and unicodedata.is_normalized("NFC", text)


def test_utf8_and_decomposed_unicode_are_normalised():
    text, used = decode_page(unicodedata.normalize("NFD", "Kế hoạch số").encode())
    assert (text, used) == ("Kế hoạch số", "utf-8")


def test_western_text_is_not_mistaken_for_tcvn3():
    assert not looks_tcvn3("Café crème brûlée à la française, été, déjà vu, naïve")
    assert not looks_tcvn3("Ủy ban nhân dân xã")


def test_undecidable_bytes_are_refused_with_a_clear_message():
    with pytest.raises(EncodingError, match="không đọc được|bảng mã"):
        decode_page(bytes(range(128, 256)) * 50, "utf-8")


def test_a_vni_page_is_converted_to_unicode():
    raw = (
        "<p>UÛY BAN NHAÂN DAÂN XAÕ thoâng baùo lòch tieáp coâng daân, "
        "ngöôøi daân ñeán Böu ñieän</p>"
    )
    text, used = decode_page(raw.encode("cp1252"), "windows-1252")
    assert used == "vni"
    assert "ỦY BAN NHÂN DÂN XÃ thông báo lịch tiếp công dân, người dân đến Bưu điện" in text
