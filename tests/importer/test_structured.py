"""Legal documents from a table of the old site and Q&A pages, through the same pipeline."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from dialogue.models import Inquiry, InquiryStatus
from documents.models import Document
from documents.selectors import published_documents, search_q
from importer import runs
from importer.models import ImportItem, ImportRun, ItemState
from importer.pipeline import run

from .conftest import make_profile
from .server import FIXTURES


def import_now(profile, user=None) -> ImportRun:
    run_obj = ImportRun.objects.create(tenant=profile.tenant, profile=profile, started_by=user)
    runs.execute(run_obj.pk)
    run_obj.refresh_from_db()
    return run_obj


DOCUMENTS = [{"url": "/van-ban/", "category": "van-ban", "kind": "document"}]
QA = [{"url": "/hoi-dap/", "category": "hoi-dap", "kind": "qa"}]


def test_a_documents_table_imports_into_the_register_one_document_per_year(
    commune, old_site, commune_approver
):
    profile = make_profile(commune, old_site, sources=DOCUMENTS, publish=True)
    result = import_now(profile, user=commune_approver)
    assert (result.created, result.failed) == (4, 0), result.report
    twelve = published_documents(commune).filter(search_q("12/KH-UBND")).order_by("-issued_on")
    assert [(d.issued_year, d.summary_vi[-4:]) for d in twelve] == [(2024, "2024"), (2023, "2023")]
    decision = Document.objects.get(number="45/QĐ-UBND")
    assert decision.doc_type.name_vi == "Quyết định"
    assert decision.file.read().startswith(b"%PDF")
    letter = Document.objects.get(number="123/UBND-VP")
    assert not letter.file  # the forged PDF was refused, the document kept
    item = ImportItem.objects.get(target_label="documents.document", target_id=letter.pk)
    assert "gia-mao.pdf" in item.message
    response = Client(HTTP_HOST="xaanbinh.gov.vn").get("/files/kh-12-2023.pdf")
    old_2023 = twelve.get(issued_year=2023)
    assert response.status_code == 301
    assert response["Location"] == f"http://xaa.portal.test/van-ban/{old_2023.pk}/"
    assert import_now(profile, user=commune_approver).created == 0  # idempotent


def test_dry_run_of_a_documents_table_lists_the_rows(commune, old_site):
    profile = make_profile(commune, old_site, sources=DOCUMENTS)
    report = run(ImportRun(profile=profile, dry_run=True))
    text = "\n".join(report.lines())
    assert "Chuyên mục van-ban: 4 mục" in text
    assert "12/KH-UBND Kế hoạch phòng, chống thiên tai và tìm kiếm cứu nạn năm 2024" in text
    assert not Document.objects.exists()


def test_qa_pages_import_into_the_answered_archive(
    commune, old_site, commune_approver, site_client
):
    profile = make_profile(commune, old_site, sources=QA, publish=True)
    result = import_now(profile, user=commune_approver)
    assert (result.created, result.failed) == (1, 1)
    inquiry = Inquiry.objects.get(tenant=commune)
    assert inquiry.status == InquiryStatus.PUBLISHED
    assert inquiry.title == "Thủ tục đăng ký khai sinh cho con"
    assert inquiry.name == "Trần Thị Bình"
    assert inquiry.content.startswith("Tôi sinh con tại bệnh viện huyện")
    assert inquiry.answer.startswith("Ủy ban nhân dân xã trả lời như sau")
    assert "Cổng dịch vụ công quốc gia" in inquiry.answer
    assert timezone.localtime(inquiry.published_at).strftime("%d/%m/%Y") == "12/09/2024"
    unanswered = ImportItem.objects.get(source_url__endswith="/hoi-dap/cau-2.html")
    assert unanswered.state == ItemState.FAILED and "Trả lời" in unanswered.message
    page = site_client(commune).get(f"/hoi-dap/{inquiry.pk}/")
    assert page.status_code == 200 and "Cổng dịch vụ công quốc gia" in page.content.decode()
    old = Client(HTTP_HOST="xaanbinh.gov.vn").get("/hoi-dap/cau-1.html")
    assert old.status_code == 301 and old["Location"].endswith(f"/hoi-dap/{inquiry.pk}/")


def test_a_wordpress_export_imports_posts_and_pages_with_their_categories(
    commune, categories, wordpress_site
):
    from importer.examples import load_example
    from tests.content.factories import CategoryFactory

    CategoryFactory(tenant=commune, slug="quoc-phong-an-ninh")
    CategoryFactory(tenant=commune, slug="gioi-thieu")
    template = (FIXTURES / "wordpress" / "export.xml.tmpl").read_text(encoding="utf-8")
    wordpress_site.override("/export.xml", template.replace("{BASE}", wordpress_site.base).encode())
    profile = load_example("wordpress", commune, wordpress_site.url("/"), slug="wxr")
    profile.sources = [
        {
            "url": "/export.xml",
            "category": "gioi-thieu",
            "kind": "article",
            "categories": {"quoc-phong": "quoc-phong-an-ninh"},
        }
    ]
    profile.delay_seconds = 0
    profile.save()
    result = import_now(profile)
    assert (result.created, result.failed) == (2, 0), result.report
    from content.models import Article

    post = Article.objects.get(tenant=commune, title_vi="Giao nhận quân năm 2025")
    page = Article.objects.get(tenant=commune, title_vi="Giới thiệu về xã Bình Minh")
    assert post.category.slug == "quoc-phong-an-ninh" and page.category.slug == "gioi-thieu"
    assert timezone.localtime(post.published_at).strftime("%d/%m/%Y %H:%M") == "18/02/2025 07:00"
    assert post.summary_vi == "Lễ giao nhận quân năm 2025."
    assert "<p>Sáng 18/02/2025" in post.body_vi  # blank-line paragraphs became <p>
    assert post.cover is not None and post.cover.alt == "Lễ giao quân"
    assert f'href="/tin-tuc/{page.slug}/"' in post.body_vi  # link to the imported page
    assert not Article.objects.filter(title_vi="Bản nháp chưa đăng").exists()


def test_a_documents_spreadsheet_imports_into_the_register(commune, old_site):
    sheet = [{"url": "/du-lieu/van-ban.csv", "category": "van-ban", "kind": "document"}]
    profile = make_profile(commune, old_site, sources=sheet)
    result = import_now(profile)
    assert (result.created, result.failed) == (2, 0), result.report
    plan = Document.objects.get(tenant=commune, number="12/KH-UBND")
    assert plan.issued_on.isoformat() == "2022-01-10" and plan.file
    notice = Document.objects.get(tenant=commune, number="07/TB-UBND")
    assert notice.doc_type.name_vi == "Thông báo" and not notice.file
    assert notice.status == "draft"


def test_a_qa_workbook_imports_into_the_archive(commune, old_site):
    sheet = [{"url": "/du-lieu/hoi-dap.xlsx", "category": "hoi-dap", "kind": "qa"}]
    profile = make_profile(commune, old_site, sources=sheet)
    result = import_now(profile)
    assert (result.created, result.failed) == (2, 1), result.report
    first = Inquiry.objects.get(tenant=commune, title="Cấp lại căn cước")
    assert first.name == "Lê Văn Cường" and first.status == InquiryStatus.ANSWERED
    assert first.answer == "Công dân đến Công an xã để làm thủ tục cấp lại thẻ căn cước."
    assert Inquiry.objects.get(title="Hỗ trợ học phí").name == "Người dân"
    assert import_now(profile).created == 0
