"""Uploaded images (maps, photos) are re-encoded before storage: EXIF (GPS, camera) goes,
orientation is applied, and anything that is not a clean image fails here."""

from __future__ import annotations

import io
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from portal.files import check_image_pixels

FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "PNG"}


def reencode_image(file) -> ContentFile:
    from PIL import Image, ImageOps, UnidentifiedImageError

    check_image_pixels(file)
    stem, ext = os.path.splitext(os.path.basename(file.name))
    kind = FORMATS.get(ext.lower().lstrip("."), "PNG")
    file.seek(0)
    try:
        with Image.open(file) as image:
            clean = ImageOps.exif_transpose(image)
            if kind == "JPEG" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            out = io.BytesIO()
            clean.save(out, kind, **({"quality": 88} if kind == "JPEG" else {}))
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError(_("Không đọc được ảnh này.")) from exc
    new_ext = ".png" if kind == "PNG" else ext.lower()
    return ContentFile(out.getvalue(), name=f"{stem}{new_ext}")
