from django.utils import timezone

from documents.models import Comment, Consultation, Document
from tests.documents.factories import CommentFactory, ConsultationFactory, DocumentFactory
from tests.isolation.harness import IsolationCase


def make_document(tenant, marker):
    return DocumentFactory(
        tenant=tenant,
        number=f"1/{marker}",
        summary_vi=f"Trích yếu {marker}",
        summary_en=f"Summary {marker}",
    )


def make_consultation(tenant, marker):
    return ConsultationFactory(
        tenant=tenant, title_vi=f"Dự thảo {marker}", title_en=f"Draft {marker}"
    )


def make_comment(tenant, marker):
    return CommentFactory(
        consultation=ConsultationFactory(tenant=tenant, opens_at=timezone.now()),
        name=marker,
    )


CASES = [
    IsolationCase(
        name="document",
        make=make_document,
        detail_urls=lambda obj: [obj.get_absolute_url()],
        list_urls=["/van-ban/", "/van-ban/toan-tinh/", "/van-ban/?q=trich+yeu"],
        admin_model=Document,
    ),
    IsolationCase(
        name="consultation",
        make=make_consultation,
        detail_urls=lambda obj: [obj.get_absolute_url()],
        list_urls=["/lay-y-kien-du-thao/"],
        admin_model=Consultation,
    ),
    IsolationCase(name="consultation-comment", make=make_comment, admin_model=Comment),
]
