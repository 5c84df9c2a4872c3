"""Image processing: re-encode (drops EXIF and anything hidden), renditions in WebP and JPEG."""

from __future__ import annotations

import io
import os

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps

from portal.files import MAX_IMAGE_PIXELS

from . import caching
from .models.media import RENDITION_WIDTHS, Image

PILImage.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS


def reencode(upload) -> ContentFile:
    """Decode and encode again: EXIF, ICC oddities and trailing payloads are left behind.

    The orientation EXIF tag is applied first, so the picture still stands upright.
    """
    upload.seek(0)
    with PILImage.open(upload) as source:
        source.load()
        picture = ImageOps.exif_transpose(source)
        has_alpha = picture.mode in ("RGBA", "LA") or "transparency" in picture.info
        out = io.BytesIO()
        if has_alpha:
            picture.convert("RGBA").save(out, "PNG", optimize=True)
            ext = ".png"
        else:
            picture.convert("RGB").save(out, "JPEG", quality=88, optimize=True, progressive=True)
            ext = ".jpg"
        size = picture.size
    stem = os.path.splitext(os.path.basename(getattr(upload, "name", "") or "anh"))[0]
    content = ContentFile(out.getvalue(), name=f"{stem}{ext}")
    content.size_px = size
    return content


def make_renditions(image: Image) -> list[dict]:
    """Scaled copies at each width (never upscaled), WebP plus a JPEG fallback."""
    renditions = []
    base = os.path.splitext(image.file.name)[0]
    with default_storage.open(image.file.name, "rb") as handle, PILImage.open(handle) as source:
        source.load()
        picture = source.convert("RGB")
    widths = [w for w in RENDITION_WIDTHS if w < picture.width] + [picture.width]
    for width in sorted(set(widths)):
        height = max(1, round(picture.height * width / picture.width))
        scaled = picture.resize((width, height), PILImage.Resampling.LANCZOS)
        entry: dict = {"width": width}
        for kind, fmt, options in (
            ("webp", "WEBP", {"quality": 80, "method": 4}),
            ("jpeg", "JPEG", {"quality": 82, "optimize": True, "progressive": True}),
        ):
            out = io.BytesIO()
            scaled.save(out, fmt, **options)
            ext = "webp" if kind == "webp" else "jpg"
            name = f"{base}-{width}.{ext}"
            if default_storage.exists(name):
                default_storage.delete(name)
            entry[kind] = default_storage.save(name, ContentFile(out.getvalue()))
        renditions.append(entry)
    return renditions


def process_image(image_id: int, *, unless_made: bool = False) -> None:
    """Fill the renditions of one image (idempotent: renditions are rewritten).
    `unless_made`: leave an image whose renditions exist (the task queued on its creation,
    when the caller, such as the demo seed, has already made them)."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None or not image.file or (unless_made and image.renditions):
        return
    Image.objects.filter(pk=image_id).update(renditions=make_renditions(image))
    # Cards and article bodies cached before the renditions existed use the original.
    caching.bump_on_change(image.tenant_id, image.tenant.parent_id)
