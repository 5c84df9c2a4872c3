"""Rules for the pictures in an article body, and what the editor's image picker offers.

Every <img> of a body must come from the image library of the article's own site and
carry a text alternative; the picker lists that library only (the same scope as every
other relation of the site's content)."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from urllib.parse import unquote

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Article, Category, Image
from .sanitize import is_media_url

PICKER_LIMIT = 200
LINK_LIMIT = 100


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "img":
            self.found.append({k: (v or "") for k, v in attrs})


def body_images(html: str) -> list[dict[str, str]]:
    """The attributes of each <img> in `html`, in order."""
    parser = _Images()
    parser.feed(html or "")
    parser.close()
    return parser.found


def media_name(src: str) -> str | None:
    """The storage name behind a /media/… URL, or None for anything else."""
    if not is_media_url(src):
        return None
    return unquote(src[len(settings.MEDIA_URL) :].split("?", 1)[0].split("#", 1)[0])


def library_image_for(src: str, tenant_id: int) -> Image | None:
    """The image of `tenant_id`'s library that `src` shows (original or a rendition)."""
    name = media_name(src)
    if not name:
        return None
    return (
        Image.objects.filter(tenant_id=tenant_id)
        .filter(
            Q(file=name)
            | Q(renditions__contains=[{"jpeg": name}])
            | Q(renditions__contains=[{"webp": name}])
        )
        .first()
    )


def body_image_errors(html: str, tenant_id: int) -> list[str]:
    """What is wrong with the pictures of a body, one message per picture, in Vietnamese."""
    errors: list[str] = []
    for attrs in body_images(html):
        src = attrs.get("src", "").strip()
        label = posixpath.basename(src.split("?", 1)[0]) or src or "?"
        if library_image_for(src, tenant_id) is None:
            errors.append(
                _(
                    "Ảnh “%(name)s” không thuộc thư viện ảnh của đơn vị này. Chỉ chèn ảnh "
                    "bằng nút “Ảnh từ thư viện” của trình soạn thảo."
                )
                % {"name": label}
            )
        elif not attrs.get("alt", "").strip():
            errors.append(
                _(
                    "Ảnh “%(name)s” chưa có văn bản thay thế (alt). Hãy mô tả ngắn nội dung "
                    "ảnh cho người không nhìn thấy ảnh."
                )
                % {"name": label}
            )
    return errors


def picker_entries(tenant_id: int) -> list[dict]:
    """The newest pictures of one site's library, as the editor's picker shows them."""
    entries = []
    for image in Image.objects.filter(tenant_id=tenant_id).order_by("-created_at", "-id")[
        :PICKER_LIMIT
    ]:
        thumb = next((r.get("jpeg") for r in image.renditions if r.get("jpeg")), None)
        entries.append(
            {
                "id": image.pk,
                "src": default_storage.url(image.file.name),
                "thumb": default_storage.url(thumb or image.file.name),
                "alt": image.alt,
                "width": image.width or None,
                "height": image.height or None,
            }
        )
    return entries


def internal_links(tenant_id: int) -> list[dict[str, str]]:
    """Addresses of one site's categories and newest published articles, offered as
    suggestions in the editor's link dialog (paths of this site, so they follow its host)."""
    with translation.override("vi"):
        categories = [
            {"title": c.name, "url": c.get_absolute_url()}
            for c in Category.objects.filter(tenant_id=tenant_id).order_by("name")
        ]
        articles = [
            {"title": a.title, "url": a.get_absolute_url()}
            for a in Article.objects.filter(tenant_id=tenant_id)
            .published()
            .only("title_vi", "slug")
            .order_by("-published_at", "-id")[:LINK_LIMIT]
        ]
    return categories + articles
