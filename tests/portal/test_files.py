"""Upload checks: extension, content, size, pixels; per-tenant paths."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
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


def test_refuses_a_decompression_bomb_from_its_header():
    # 30,000 x 30,000 pixels; the header alone says so, nothing is decoded.
    buffer = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(buffer, "PNG")
    with pytest.raises(ValidationError) as info:
        check_upload(upload("bomb.png", buffer.getvalue()), {"png"}, 20 * MB)
    assert info.value.code in {"pixels", "image"}


def test_validator_and_upload_path_are_deconstructible():
    assert UploadValidator({"pdf"}, MB) == UploadValidator(["pdf"], MB)
    path = TenantUploadPath("documents")

    class Owner:
        tenant_id = 7

    result = path(Owner(), "Quyết định số 15 Đặc biệt.PDF")
    assert result.startswith("t/7/documents/")
    assert result.endswith("-quyet-dinh-so-15-dac-biet.pdf")
