import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import (
    Comment,
    Consultation,
    Document,
    DocumentField,
    DocumentKind,
    DocumentType,
)
from documents.pdfgen import simple_pdf
from portal.publishing import PublicationStatus


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentType
        django_get_or_create = ("code",)

    name_vi = "Quyết định"
    name_en = "Decision"
    code = "QĐ"


class DocumentFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentField

    name_vi = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    name_en = "Land"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        skip_postgeneration_save = True

    kind = DocumentKind.NORMATIVE
    doc_type = factory.SubFactory(DocumentTypeFactory)
    number = factory.Sequence(lambda n: f"{n + 1}/2024/QĐ-UBND")
    issuing_body = "Ủy ban nhân dân"
    issued_on = datetime.date(2024, 3, 1)
    effective_on = datetime.date(2024, 3, 15)
    summary_vi = "Quy định quản lý đất đai trên địa bàn"
    summary_en = "Land management rules"
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def pdf(obj, create, extracted, **kwargs):
        if extracted:
            data = extracted if isinstance(extracted, bytes) else simple_pdf([obj.number])
            obj.file.save("van-ban.pdf", ContentFile(data), save=create)


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    title_vi = "Dự thảo quy định phí"
    title_en = "Draft fee rules"
    drafting_body = "Sở Tài chính"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    consultation = factory.SubFactory(ConsultationFactory)
    tenant = factory.LazyAttribute(lambda o: o.consultation.tenant)
    name = "Nguyễn Văn Dân"
    email = "dan@example.vn"
    body = "Ý kiến góp ý"
