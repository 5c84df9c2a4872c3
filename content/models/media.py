"""The image library: re-encoded originals, renditions in several widths (WebP + JPEG)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.files import MB, TenantUploadPath, UploadValidator
from tenants.models import TenantOwned

IMAGE_MAX_BYTES = 15 * MB
RENDITION_WIDTHS = (480, 960, 1600)


class Image(TenantOwned):
    """One picture of a site. `alt` is required: every image must have a text alternative."""

    file = models.ImageField(
        _("tệp ảnh"),
        upload_to=TenantUploadPath("images"),
        validators=[UploadValidator({"jpg", "jpeg", "png", "gif", "webp"}, IMAGE_MAX_BYTES)],
    )
    alt = models.CharField(
        _("văn bản thay thế (alt)"),
        max_length=300,
        help_text=_("Mô tả ngắn nội dung ảnh cho người không nhìn thấy ảnh. Bắt buộc."),
    )
    caption = models.CharField(_("chú thích"), max_length=500, blank=True)
    credit = models.CharField(_("nguồn ảnh / tác giả"), max_length=200, blank=True)
    width = models.PositiveIntegerField(_("chiều rộng"), default=0, editable=False)
    height = models.PositiveIntegerField(_("chiều cao"), default=0, editable=False)
    # [{"width": 480, "jpeg": "t/1/images/…-480.jpg", "webp": "…-480.webp"}, …]
    renditions = models.JSONField(_("các bản thu nhỏ"), default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("thư viện ảnh")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.alt

    def clean(self) -> None:
        if self.file and not getattr(self.file, "_committed", True):
            _check_decodes(self.file)

    def save(self, *args, **kwargs) -> None:
        if self.file and not getattr(self.file, "_committed", True):
            from ..images import reencode  # re-encoding drops EXIF and hidden payloads

            content = reencode(self.file.file)
            self.file.save(content.name, content, save=False)
            self.renditions = []
            self.width, self.height = content.size_px
        super().save(*args, **kwargs)

    def srcset(self, kind: str = "jpeg") -> str:
        from django.core.files.storage import default_storage

        return ", ".join(
            f"{default_storage.url(r[kind])} {r['width']}w" for r in self.renditions if r.get(kind)
        )

    @property
    def webp_srcset(self) -> str:
        return self.srcset("webp")

    @property
    def jpeg_srcset(self) -> str:
        return self.srcset("jpeg")


def _check_decodes(file) -> None:
    """Refuse a file whose header looks like an image but whose data does not decode."""
    from django.core.exceptions import ValidationError
    from PIL import Image as PILImage

    try:
        file.seek(0)
        with PILImage.open(file) as picture:
            picture.load()
    except Exception as exc:  # noqa: BLE001 - any decoder failure means "not an image"
        raise ValidationError({"file": _("Không đọc được ảnh này.")}) from exc
    finally:
        file.seek(0)
