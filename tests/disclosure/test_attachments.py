"""Attachments: maps need a text alternative; images are re-encoded without EXIF."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from disclosure.models import Attachment
from tests.disclosure.factories import RecordFactory

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "#1f4e79")
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (21.0, 1.0, 0.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_a_map_without_text_alternative_is_refused(commune):
    record = RecordFactory(tenant=commune)
    attachment = Attachment(record=record, role="map", title_vi="Bản đồ", url="https://x.vn/")
    with pytest.raises(ValidationError) as caught:
        attachment.full_clean()
    assert "Bản đồ, ảnh phải có mô tả thay thế." in str(caught.value)


def test_an_uploaded_photo_is_stored_without_exif(commune):
    record = RecordFactory(tenant=commune)
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif()
    attachment = Attachment(
        record=record, role="map", title_vi="Bản đồ", alt_text_vi="Ranh giới xã"
    )
    attachment.file = ContentFile(data, name="ban do.jpg")
    attachment.full_clean()
    attachment.save()
    assert attachment.file.name.startswith(f"t/{commune.pk}/disclosure/")
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (40, 30)
        assert not image.getexif()


def test_a_fake_image_is_refused(commune):
    record = RecordFactory(tenant=commune)
    attachment = Attachment(record=record, title_vi="Ảnh", alt_text_vi="Ảnh")
    attachment.file = ContentFile(b"<html>not an image</html>", name="anh.png")
    with pytest.raises(ValidationError):
        attachment.full_clean()


def test_nested_metadata_is_refused(commune):
    for metadata in ({"a": {"b": 1}}, ["a"], {"a": "x\x00"}):
        record = RecordFactory.build(tenant=commune, metadata=metadata, slug="x")
        with pytest.raises(ValidationError) as caught:
            record.full_clean()
        assert "metadata" in caught.value.message_dict
