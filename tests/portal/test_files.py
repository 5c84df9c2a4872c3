"""Upload checks: extension, content, size, pixels; per-tenant paths."""

import io
import struct
import warnings
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from portal.files import MB, TenantUploadPath, UploadValidator, check_upload


def png_bytes(width=10, height=10):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(buffer, "PNG")
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


def test_accepts_real_files_of_allowed_kinds():
    assert check_upload(upload("a.png", png_bytes()), {"png"}, MB) == "png"
    assert check_upload(upload("b.pdf", b"%PDF-1.7\n..."), {"pdf"}, MB) == "pdf"
    assert check_upload(upload("c.docx", docx_bytes()), {"docx"}, MB) == "docx"
    assert check_upload(upload("d.csv", "tên,giá trị\nA,1\n".encode()), {"csv"}, MB) == "csv"


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("shell.jpg", b"<?php system($_GET['c']); ?>", "content"),
        ("empty.pdf", b"", "empty"),
        ("big.pdf", b"%PDF-" + b"0" * (2 * MB), "too_large"),
        ("script.exe", b"MZ....", "extension"),
        ("fake.docx", b"PK\x03\x04garbage", "content"),
        ("noext", b"%PDF-1.4", "extension"),
    ],
)
def test_refuses_wrong_files_with_a_clear_code(name, data, code):
    with pytest.raises(ValidationError) as info:
        check_upload(upload(name, data), {"jpg", "pdf", "docx"}, MB)
    assert info.value.code == code
    assert info.value.messages[0]


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a size in its header and holds (almost) no pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))


def test_refuses_a_decompression_bomb_from_its_header():
    # 30,000 x 30,000 pixels; the header alone says so, nothing is decoded.
    buffer = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(buffer, "PNG")
    with pytest.raises(ValidationError) as info:
        check_upload(upload("bomb.png", buffer.getvalue()), {"png"}, 20 * MB)
    assert info.value.code == "pixels"
    assert info.value.messages == ["Ảnh quá lớn: tối đa 40 triệu điểm ảnh."]


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (7_000, 7_000, "Ảnh quá lớn (7000×7000 điểm ảnh): tối đa 40 triệu điểm ảnh."),
        (30_000, 30_000, "Ảnh quá lớn: tối đa 40 triệu điểm ảnh."),
        (100_000, 100_000, "Ảnh quá lớn: tối đa 40 triệu điểm ảnh."),
    ],
)
def test_too_many_pixels_get_the_same_clear_message_whatever_pillow_thinks(width, height, message):
    # 30,000² is past Pillow's error threshold (twice Image.MAX_IMAGE_PIXELS) whether or
    # not content/images.py lowered that limit to ours.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with pytest.raises(ValidationError) as info:
            check_upload(upload("big.png", png_header_only(width, height)), {"png"}, MB)
    assert info.value.code == "pixels"
    assert info.value.messages == [message]


def test_pillows_warning_escalated_to_an_error_gets_the_same_message(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 40_000_000)  # 49 MP: Pillow warns
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with pytest.raises(ValidationError) as info:
            check_upload(upload("big.png", png_header_only(7_000, 7_000)), {"png"}, MB)
    assert info.value.code == "pixels"
    assert info.value.messages == ["Ảnh quá lớn: tối đa 40 triệu điểm ảnh."]


def test_pixel_messages_are_translated_into_english():
    with translation.override("en"), warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        for width, expected in ((7_000, "7000×7000"), (30_000, "40 million")):
            with pytest.raises(ValidationError) as info:
                check_upload(upload("big.png", png_header_only(width, width)), {"png"}, MB)
            assert info.value.messages[0].startswith("The image is too large")
            assert expected in info.value.messages[0]


def test_an_image_within_the_limit_passes():
    assert check_upload(upload("ok.png", png_bytes(640, 480)), {"png"}, MB) == "png"


def test_validator_and_upload_path_are_deconstructible():
    assert UploadValidator({"pdf"}, MB) == UploadValidator(["pdf"], MB)
    path = TenantUploadPath("documents")

    class Owner:
        tenant_id = 7

    result = path(Owner(), "Quyết định số 15 Đặc biệt.PDF")
    assert result.startswith("t/7/documents/")
    assert result.endswith("-quyet-dinh-so-15-dac-biet.pdf")
