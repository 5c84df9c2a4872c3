import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from content.models import Article, Category, Image
from portal.publishing import PublicationStatus


def jpeg_bytes(size=(64, 48), exif: bytes | None = None, colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    picture = PILImage.new("RGB", size, colour)
    kwargs = {"exif": exif} if exif else {}
    picture.save(out, "JPEG", **kwargs)
    return out.getvalue()


def uploaded_jpeg(name="anh.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name_vi = factory.Sequence(lambda n: f"Chuyên mục {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    alt_vi = "Ảnh hội nghị"
    file = factory.LazyFunction(lambda: uploaded_jpeg())


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article by default; pass status=PublicationStatus.DRAFT for a draft."""

    class Meta:
        model = Article

    category = factory.LazyAttribute(lambda o: CategoryFactory(tenant=o.tenant))
    title_vi = factory.Sequence(lambda n: f"Tin bài số {n}")
    summary_vi = "Tóm tắt tin bài."
    body_vi = "<p>Nội dung tin bài.</p>"
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
