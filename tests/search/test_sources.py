"""The feature apps' real search sources, proven together: each kind is found by a query
without diacritics on its own site and on the province, never on a sibling commune, and
leaves the index through the app's own unpublish path (signals → on_commit → task)."""

from dataclasses import dataclass
from typing import Any

import pytest
from celery.signals import task_prerun

from dialogue import workflow
from dialogue.models import InquiryStatus
from portal import publishing
from procedures.models import Procedure
from search.models import SearchEntry
from search.sources import source_labels
from tests.content.factories import ArticleFactory
from tests.dialogue.factories import InquiryFactory
from tests.disclosure.factories import RecordFactory
from tests.documents.factories import ConsultationFactory, DocumentFactory
from tests.procedures.factories import (
    SyncSourceFactory,
    generate_records,
    import_records,
    record,
)
from tests.search.test_search import titles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def search_sources():
    """The installed apps' sources, not the test source of tests/search/conftest.py."""
    yield


@dataclass
class Kind:
    """How one app makes an item public and takes it down, through its own functions."""

    kind: str
    title: str
    query: str  # the title's words (or the number) typed without diacritics
    shown: str = ""  # the title as the results list it, when it differs

    @property
    def listed(self) -> str:
        return self.shown or self.title

    def show(self, site, approver) -> Any:
        raise NotImplementedError

    def hide(self, item, approver) -> None:
        raise NotImplementedError


class ArticleKind(Kind):
    def show(self, site, approver):
        article = ArticleFactory(
            tenant=site, title_vi=self.title, status=publishing.PublicationStatus.DRAFT
        )
        return publishing.publish(article, by=approver)

    def hide(self, article, approver):
        publishing.trash(article, by=approver)


class DisclosureKind(Kind):
    def show(self, site, approver):
        item = RecordFactory(
            tenant=site, title_vi=self.title, status=publishing.PublicationStatus.DRAFT
        )
        return publishing.publish(item, by=approver)

    def hide(self, item, approver):
        publishing.archive(item, by=approver)


class ProcedureKind(Kind):
    def show(self, site, approver):
        self.source, self.site = SyncSourceFactory(tenant=site.parent), site
        import_records(self.source, record("1.000321", tenants=[site.slug], name=self.title))
        return Procedure.objects.get(code="1.000321")

    def hide(self, procedure, approver):
        # The next export no longer lists it: the sync's withdraw path.
        import_records(
            self.source, record("1.000999", tenants=[self.site.slug], name="Thủ tục khác")
        )


class QaKind(Kind):
    def show(self, site, approver):
        inquiry = InquiryFactory(
            tenant=site, title=self.title, status=InquiryStatus.ANSWERED, answer="Đã trả lời."
        )
        return workflow.publish(inquiry, by=approver)

    def hide(self, inquiry, approver):
        workflow.unpublish(inquiry, by=approver)


class DocumentKind(Kind):
    def show(self, site, approver):
        document = DocumentFactory(
            tenant=site,
            number="15/2024/QĐ-UBND",
            summary_vi=self.title,
            status=publishing.PublicationStatus.DRAFT,
            published_at=None,
        )
        return publishing.publish(document, by=approver)

    def hide(self, document, approver):
        publishing.trash(document, by=approver)


class ConsultationKind(Kind):
    def show(self, site, approver):
        draft = ConsultationFactory(
            tenant=site,
            title_vi=self.title,
            status=publishing.PublicationStatus.DRAFT,
            published_at=None,
        )
        return publishing.publish(draft, by=approver)

    def hide(self, draft, approver):
        publishing.archive(draft, by=approver)


KINDS = [
    ArticleKind("article", "Quy hoạch sử dụng đất xã An Bình", "quy hoach su dung dat"),
    DisclosureKind("disclosure", "Kế hoạch sử dụng đất năm 2026", "ke hoach su dung dat"),
    ProcedureKind("procedure", "Đăng ký kinh doanh hộ cá thể", "dang ky kinh doanh"),
    QaKind("qa", "Hỏi về đăng ký hộ tịch cho con", "ho tich"),
    DocumentKind(
        "document",
        "Quy định quản lý đất đai trên địa bàn xã",
        "15/2024/QD-UBND",
        shown="Quyết định 15/2024/QĐ-UBND: Quy định quản lý đất đai trên địa bàn xã",
    ),
    ConsultationKind("consultation", "Dự thảo quy định phí chợ", "du thao phi cho"),
]


def test_every_feature_app_registers_its_kind():
    assert {k.kind for k in KINDS} <= set(source_labels())


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.kind)
def test_found_without_diacritics_on_its_site_and_the_province_then_gone_when_taken_down(
    kind,
    commune,
    other_commune,
    province,
    commune_approver,
    site_client,
    django_capture_on_commit_callbacks,
):
    def found_on(site) -> bool:
        return kind.listed in titles(site_client(site).get("/tim-kiem/", {"q": kind.query}))

    with django_capture_on_commit_callbacks(execute=True):
        item = kind.show(commune, commune_approver)
    assert SearchEntry.objects.filter(kind=kind.kind, tenant=commune, language="vi").exists()
    assert found_on(commune) and found_on(province)
    assert not found_on(other_commune)

    with django_capture_on_commit_callbacks(execute=True):
        kind.hide(item, commune_approver)
    assert not found_on(commune) and not found_on(province)
    assert not SearchEntry.objects.filter(kind=kind.kind, object_id=str(item.pk)).exists()


def test_a_sibling_finds_it_only_when_asking_for_the_whole_province(
    commune, other_commune, commune_approver, site_client, django_capture_on_commit_callbacks
):
    kind = KINDS[0]
    with django_capture_on_commit_callbacks(execute=True):
        kind.show(commune, commune_approver)
    client = site_client(other_commune)
    assert kind.title not in titles(client.get("/tim-kiem/", {"q": kind.query}))
    wide = client.get("/tim-kiem/", {"q": kind.query, "scope": "province"})
    assert kind.title in titles(wide)


def test_english_titles_are_found_on_the_english_site(
    commune, commune_approver, site_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(
            tenant=commune, title_en="Land use plan", status=publishing.PublicationStatus.DRAFT
        )
        publishing.publish(article, by=commune_approver)
        import_records(SyncSourceFactory(tenant=commune.parent), record("1.1", tenants=["xaa"]))
    found = titles(site_client(commune).get("/en/tim-kiem/", {"q": "land use"}))
    assert found == ["Land use plan"]
    assert titles(site_client(commune).get("/en/tim-kiem/", {"q": "birth"})) == [
        "Birth registration"
    ]


def test_a_catalogue_import_is_indexed_in_batches_not_one_task_per_procedure(
    province, commune, other_commune
):
    ran: list[str] = []

    def count(sender=None, **kwargs):
        ran.append(sender.name)

    task_prerun.connect(count, weak=False)
    try:
        import_records(SyncSourceFactory(tenant=province), *generate_records(600, ["xaa", "xab"]))
    finally:
        task_prerun.disconnect(count)
    assert ran == ["search.tasks.reindex_objects"] * 2  # 500 + 100
    rows = SearchEntry.objects.filter(kind="procedure")
    assert (rows.filter(language="vi").count(), rows.filter(tenant=commune).count()) == (600, 600)


def test_a_document_number_with_or_without_diacritics_finds_that_document_first(
    commune, site_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        DocumentFactory(tenant=commune, number="15/2023/QĐ-UBND", summary_vi="Quy định phí chợ")
        DocumentFactory(
            tenant=commune, number="3/2025/QĐ-UBND", summary_vi="Sửa đổi Quyết định 15/2024"
        )
        DocumentFactory(tenant=commune, number="15/2024/QĐ-UBND", summary_vi="Quy định đất đai")
    client = site_client(commune)
    for typed in ("15/2024/QĐ-UBND", "15/2024/QD-UBND", "15/2024/qd-ubnd"):
        found = titles(client.get("/tim-kiem/", {"q": typed}))
        assert found[0] == "Quyết định 15/2024/QĐ-UBND: Quy định đất đai", typed
        assert "Quyết định 15/2023/QĐ-UBND: Quy định phí chợ" not in found
