"""Uploads: refused with a clear message when wrong; images re-encoded without EXIF,
renditions in WebP and JPEG, alt text required."""

import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from content.models import Image
from tests.content.factories import ImageFactory, jpeg_bytes, uploaded_jpeg

pytestmark = pytest.mark.django_db


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a huge size: only its header, never decodable."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )  # fmt: skip

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16))


def _post_upload(client, commune, upload, alt="Ảnh hội nghị"):
    return client.post(
        reverse("admin:content_image_add"),
        {"tenant": commune.pk, "file": upload, "alt_vi": alt, "alt_en": "", "_save": "1"},
    )


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("shell.jpg", b"<?php system($_GET['c']); ?>" + b"x" * 100, "Nội dung tệp không đúng"),
        # Pillow refuses to even open it (decompression-bomb guard): "cannot read".
        ("huge.png", _png_header_only(30_000, 30_000), "Ảnh quá lớn"),
        ("big.png", _png_header_only(7_000, 7_000), "Ảnh quá lớn"),
        ("empty.jpg", b"", "rỗng"),
        ("page.html", b"<html><script>alert(1)</script></html>", "không được chấp nhận"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(
    commune, commune_editor, site_client, name, content, message
):
    client = site_client(commune, commune_editor)
    response = _post_upload(client, commune, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()


def test_oversized_upload_is_refused(commune, commune_editor, site_client, settings):
    from content.models import media

    client = site_client(commune, commune_editor)
    big = jpeg_bytes() + b"\0" * (media.IMAGE_MAX_BYTES + 1)
    response = _post_upload(client, commune, SimpleUploadedFile("big.jpg", big))
    assert "Tệp quá lớn" in response.content.decode()
    assert not Image.objects.exists()


def test_alt_text_is_required(commune, commune_editor, site_client):
    client = site_client(commune, commune_editor)
    response = _post_upload(client, commune, uploaded_jpeg(), alt="")
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_upload_is_reencoded_without_exif_and_gets_webp_and_jpeg_renditions(
    commune, commune_editor, site_client, django_capture_on_commit_callbacks
):
    exif = PILImage.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (21.0, 1.0, 0.0)}  # GPS
    upload = SimpleUploadedFile("chup.jpg", jpeg_bytes(size=(1200, 800), exif=exif.tobytes()))
    client = site_client(commune, commune_editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert _post_upload(client, commune, upload).status_code == 302
    image = Image.objects.get()
    assert image.file.name.startswith(f"t/{commune.pk}/images/")
    with default_storage.open(image.file.name) as handle, PILImage.open(handle) as stored:
        assert not stored.getexif()
        assert stored.size == (1200, 800)
    widths = [r["width"] for r in image.renditions]
    assert widths == [480, 960, 1200]
    for rendition in image.renditions:
        with default_storage.open(rendition["webp"]) as handle, PILImage.open(handle) as pic:
            assert pic.format == "WEBP" and pic.width == rendition["width"]
        assert rendition["jpeg"].endswith(".jpg")
    assert "480w" in image.webp_srcset and "1200w" in image.jpeg_srcset


def test_article_page_serves_the_cover_through_srcset(
    commune, site_client, django_capture_on_commit_callbacks
):
    from tests.content.factories import ArticleFactory

    with django_capture_on_commit_callbacks(execute=True):
        cover = ImageFactory(tenant=commune, file=uploaded_jpeg(size=(1000, 500)))
    cover.refresh_from_db()
    article = ArticleFactory(tenant=commune, cover=cover)
    html = site_client(commune).get(article.get_absolute_url()).content.decode()
    assert 'type="image/webp"' in html and "480w" in html
    assert 'alt="Ảnh hội nghị"' in html


def test_article_attachment_with_forged_content_is_refused(commune, commune_editor, site_client):
    from tests.content.factories import ArticleFactory

    article = ArticleFactory(tenant=commune, title_vi="Tin có tệp")
    client = site_client(commune, commune_editor)
    response = client.post(
        reverse("admin:content_article_change", args=[article.pk]),
        {
            "tenant": commune.pk,
            "category": article.category_id,
            "title_vi": "Tin có tệp",
            "slug": article.slug,
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "0",
            "attachments-0-title": "Kế hoạch",
            "attachments-0-file": SimpleUploadedFile("ke-hoach.pdf", b"<?php echo 1; ?>"),
            "_save": "1",
        },
    )
    assert response.status_code == 200
    assert "Nội dung tệp không đúng định dạng" in response.content.decode()
    assert not article.attachments.exists()
