"""Upload checks shared by every app: content (magic bytes), extension, size, pixels;
and per-tenant storage paths."""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
import zipfile
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from tenants.text import vn_slugify

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
# Office Open XML and OpenDocument formats: the zip member that proves the kind.
ZIP_MEMBERS = {
    "docx": "word/",
    "xlsx": "xl/",
    "pptx": "ppt/",
    "odt": "mimetype",
    "ods": "mimetype",
}
IMAGE_KINDS = frozenset({"jpg", "jpeg", "png", "gif", "webp"})
DOCUMENT_KINDS = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"})
MAX_IMAGE_PIXELS = 40_000_000  # 40 MP: beyond that, decoding is a decompression bomb risk


def extension_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _head(file, size: int = 4096) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    data = file.read(size)
    file.seek(position)
    return data


def _content_matches(kind: str, file) -> bool:
    head = _head(file)
    if kind == "pdf":
        return b"%PDF-" in head[:1024]
    if kind == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if kind == "gif":
        return head[:6] in (b"GIF87a", b"GIF89a")
    if kind == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if kind in ("doc", "xls"):
        return head.startswith(OLE_SIGNATURE)
    if kind in ZIP_MEMBERS:
        if not head.startswith(ZIP_SIGNATURE):
            return False
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            file.seek(0)
        member = ZIP_MEMBERS[kind]
        return any(name.startswith(member) for name in names)
    if kind in ("csv", "txt"):
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character may be cut at the end of the sample.
            return exc.start >= len(head) - 3
        return True
    return False


def check_upload(file, allowed: Iterable[str], max_bytes: int) -> str:
    """Refuse an upload whose extension, content or size is not acceptable.

    Returns the kind (extension) on success; raises ValidationError with a
    message for the user otherwise.
    """
    allowed = {kind.lower() for kind in allowed}
    size = getattr(file, "size", None)
    if not size:
        raise ValidationError(_("Tệp rỗng, vui lòng chọn tệp khác."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": round(max_bytes / 1024 / 1024, 1)},
            code="too_large",
        )
    kind = extension_of(getattr(file, "name", ""))
    if kind not in allowed:
        raise ValidationError(
            _("Định dạng “.%(kind)s” không được chấp nhận. Được phép: %(allowed)s.")
            % {"kind": kind or "?", "allowed": ", ".join(sorted(allowed))},
            code="extension",
        )
    if not _content_matches(kind, file):
        raise ValidationError(
            _("Nội dung tệp không đúng định dạng “.%(kind)s”.") % {"kind": kind}, code="content"
        )
    if kind in IMAGE_KINDS:
        check_image_pixels(file)
    return kind


def check_image_pixels(file, max_pixels: int = MAX_IMAGE_PIXELS) -> tuple[int, int]:
    """Read only the header to refuse huge images before anything decodes them."""
    from PIL import Image, UnidentifiedImageError

    limit = {"limit": max(1, max_pixels // 1_000_000)}
    file.seek(0)
    try:
        with Image.open(file) as image:
            width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow refuses beyond twice its own limit (the warning too, when warnings are
        # errors) before we see the size: the same answer as our own check, without it.
        raise ValidationError(
            _("Ảnh quá lớn: tối đa %(limit)s triệu điểm ảnh.") % limit, code="pixels"
        ) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError(_("Không đọc được ảnh này."), code="image") from exc
    finally:
        file.seek(0)
    if width * height > max_pixels:
        raise ValidationError(
            _("Ảnh quá lớn (%(w)s×%(h)s điểm ảnh): tối đa %(limit)s triệu điểm ảnh.")
            % {"w": width, "h": height, **limit},
            code="pixels",
        )
    return width, height


@deconstructible
class UploadValidator:
    """Model/form field validator: `validators=[UploadValidator({"pdf"}, 20 * MB)]`."""

    def __init__(self, allowed: Iterable[str], max_bytes: int):
        self.allowed = tuple(sorted(allowed))
        self.max_bytes = max_bytes

    def __call__(self, file) -> None:
        # Files already stored (unchanged on a later save) are not re-read.
        if getattr(file, "_committed", False) and not hasattr(file, "content_type"):
            return
        check_upload(file, self.allowed, self.max_bytes)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.allowed == other.allowed
            and self.max_bytes == other.max_bytes
        )


@deconstructible
class TenantUploadPath:
    """`upload_to` that files each upload under its tenant: t/<id>/<prefix>/<yyyy>/<mm>/…"""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        tenant_id = getattr(instance, "tenant_id", None) or "shared"
        stem, ext = os.path.splitext(os.path.basename(filename))
        safe = vn_slugify(stem, max_length=60) or "tep"
        today = timezone.localdate()
        unique = uuid.uuid4().hex[:8]
        return f"t/{tenant_id}/{self.prefix}/{today:%Y/%m}/{unique}-{safe}{ext.lower()}"

    def __eq__(self, other) -> bool:
        return isinstance(other, TenantUploadPath) and self.prefix == other.prefix


MB = 1024 * 1024


class StorageFullError(OSError):
    """The disk holding uploads is full: the upload is refused, nothing stays behind."""


NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class SafeFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that removes the truncated file a full disk leaves behind
    (Django keeps it, and it eats the last free space) and raises StorageFullError."""

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as error:
            if error.errno not in NO_SPACE:
                raise
            with contextlib.suppress(OSError):
                os.remove(self.path(name))
            raise StorageFullError(error.errno, "no space left for uploads") from error


class PrivateStorage(SafeFileSystemStorage):
    """Citizens' files: under settings.PRIVATE_MEDIA_ROOT (read at each use, so tests and
    operators can move it), outside MEDIA_ROOT: no public URL ever reaches them."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


_private = PrivateStorage()


def private_storage() -> FileSystemStorage:
    """Callable for `FileField(storage=...)`: migrations keep the reference, not a path."""
    return _private


def storage_full_page(request: HttpRequest) -> HttpResponse:
    from .outage import retry_after_seconds

    body = loader.render_to_string(
        "errors/503.html",
        {
            "reason": "storage",
            "retry_after": retry_after_seconds(),
            "tenant_name": getattr(getattr(request, "tenant", None), "name", ""),
        },
    )
    return HttpResponse(body, status=507)
