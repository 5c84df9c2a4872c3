"""One published item of every kind the API serves (and a draft of each), marked with a
string so a test can tell whose item leaked where."""

from datetime import timedelta

from django.utils import timezone

from operations.models import DowntimeNotice
from portal.publishing import PublicationStatus
from tests.content.factories import ArticleFactory
from tests.dialogue.factories import (
    HotlineFactory,
    PublishedInquiryFactory,
    SessionFactory,
    SessionQuestionFactory,
)
from tests.disclosure.factories import DatasetFactory, RecordFactory, add_rows
from tests.documents.factories import ConsultationFactory, DocumentFactory
from tests.procedures.factories import SyncSourceFactory, import_records, record

# (endpoint, how a detail URL is built from the list item)
LISTS = {
    "articles": "id",
    "documents": "id",
    "consultations": "id",
    "records": "id",
    "statistics": "id",
    "questions": "id",
    "dialogue-sessions": "id",
    "hotlines": None,
    "procedures": "code",
    "categories": None,
    "sites": "slug",
    "downtime-notices": None,
}


def make_published(tenant, marker: str, *, code: str = "") -> dict:
    article = ArticleFactory(tenant=tenant, title_vi=f"Tin {marker}", title_en=f"News {marker}")
    document = DocumentFactory(tenant=tenant, summary_vi=f"Văn bản {marker}")
    consultation = ConsultationFactory(tenant=tenant, title_vi=f"Dự thảo {marker}")
    plan = RecordFactory(tenant=tenant, title_vi=f"Quy hoạch {marker}")
    series = DatasetFactory(
        record=RecordFactory(tenant=tenant, section="statistics", title_vi=f"Số liệu {marker}")
    ).record
    add_rows(series, ["2024", "2025"], [("Dân số", "người", ["1000", "1010.5"])])
    question = PublishedInquiryFactory(tenant=tenant, title=f"Hỏi {marker}")
    session = SessionFactory(tenant=tenant, title_vi=f"Đối thoại {marker}")
    SessionQuestionFactory(session=session, content=f"Câu hỏi {marker}?", name="Người Hỏi")
    hotline = HotlineFactory(tenant=tenant, purpose_vi=f"Đường dây {marker}")
    make_notice(tenant, f"Bảo trì {marker}")
    made = {
        "articles": article,
        "documents": document,
        "consultations": consultation,
        "records": plan,
        "statistics": series,
        "questions": question,
        "dialogue-sessions": session,
        "hotlines": hotline,
    }
    if code:
        source = SyncSourceFactory(tenant=tenant)
        import_records(source, record(code, tenants=(tenant.slug,), name=f"Thủ tục {marker}"))
    return made


def make_notice(tenant, message: str, *, days: int = 10, **extra) -> DowntimeNotice:
    """A planned-downtime notice published now, starting in `days` days for two hours."""
    start = timezone.now() + timedelta(days=days)
    return DowntimeNotice.objects.create(
        tenant=tenant,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        message_vi=message,
        **extra,
    )


def make_drafts(tenant, marker: str) -> dict:
    draft = {"status": PublicationStatus.DRAFT, "published_at": None}
    make_notice(tenant, f"Bảo trì {marker}", days=-3)  # over: no longer shown
    return {
        "articles": ArticleFactory(tenant=tenant, title_vi=f"Tin {marker}", **draft),
        "documents": DocumentFactory(tenant=tenant, summary_vi=f"Văn bản {marker}", **draft),
        "consultations": ConsultationFactory(tenant=tenant, title_vi=f"Dự thảo {marker}", **draft),
        "records": RecordFactory(tenant=tenant, title_vi=f"Quy hoạch {marker}", **draft),
        "statistics": RecordFactory(
            tenant=tenant, section="statistics", title_vi=f"Số liệu {marker}", **draft
        ),
        "questions": PublishedInquiryFactory(
            tenant=tenant, title=f"Hỏi {marker}", status="answered"
        ),
        "dialogue-sessions": SessionFactory(
            tenant=tenant,
            title_vi=f"Đối thoại {marker}",
            is_published=False,
            starts_at=timezone.now() - timedelta(days=1),
        ),
    }
