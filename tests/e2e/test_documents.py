"""Documents in real Chromium: list, detail, verification and consultation pages are
accessible (zero axe violations) on a phone-sized screen; the verification form works."""

import pytest
from playwright.sync_api import expect

from documents.demo_pki import DemoCA
from documents.models import Relation, RelationKind, SigningCredential
from documents.pdfgen import simple_pdf
from documents.signing import sign_document
from tests.documents.factories import CommentFactory, ConsultationFactory, DocumentFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def documents(e2e_sites, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DOCUMENTS_TRUST_DEMO_CA = False
    commune = e2e_sites["commune"]
    old = DocumentFactory(tenant=commune, number="1/2023/QĐ-UBND", pdf=True)
    new = DocumentFactory(tenant=commune, number="15/2024/QĐ-UBND", pdf=True)
    Relation.objects.create(source=new, target=old, kind=RelationKind.AMENDS)
    # Sign it with a throwaway CA trusted for this test: the badge and details show.
    ca = DemoCA.create("CA E2E")
    (tmp_path / "ca.pem").write_bytes(ca.pem)
    (tmp_path / "k.p12").write_bytes(ca.issue_pkcs12("UBND Xã An Bình", "pw"))
    (tmp_path / "k.pass").write_text("pw")
    settings.DOCUMENTS_TRUST_ROOTS = [str(tmp_path / "ca.pem")]
    SigningCredential.objects.create(
        tenant=commune,
        label="e2e",
        pkcs12_path=str(tmp_path / "k.p12"),
        passphrase_file=str(tmp_path / "k.pass"),
    )
    sign_document(new.pk)
    consultation = ConsultationFactory(tenant=commune)
    CommentFactory(consultation=consultation, status="approved")
    return {"site": commune, "document": new, "consultation": consultation}


def test_list_detail_verify_and_consultation_pages_are_accessible(
    page, documents, site_url, assert_accessible
):
    site = documents["site"]
    for path in (
        "/van-ban/",
        "/van-ban/?q=15%2F2024%2Fqd-ubnd",
        "/van-ban/toan-tinh/",
        documents["document"].get_absolute_url(),
        "/kiem-tra-chu-ky-so/",
        "/lay-y-kien-du-thao/",
        documents["consultation"].get_absolute_url(),
        "/en/van-ban/",
    ):
        page.goto(site_url(site, path))
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_signed_document_shows_its_badge(page, documents, site_url):
    page.goto(site_url(documents["site"], documents["document"].get_absolute_url()))
    assert "Chữ ký số hợp lệ của cơ quan ban hành" in page.locator(".badge-line").inner_text()


def test_number_search_finds_the_document(page, documents, site_url):
    page.goto(site_url(documents["site"], "/van-ban/"))
    page.get_by_label("Số, ký hiệu hoặc trích yếu").fill("15/2024/qd-ubnd")
    page.get_by_role("button", name="Tìm văn bản").click()
    # expect() waits for the results page: count() right after the click could read the
    # page while it was still loading (0 rows, seen once in a full run).
    expect(page.locator("table.doc-table tbody tr")).to_have_count(1)
    assert "15/2024/QĐ-UBND" in page.locator("table.doc-table").inner_text()


def test_uploading_an_unsigned_pdf_shows_a_result(
    page, documents, site_url, tmp_path, assert_accessible
):
    pdf = tmp_path / "khong-ky.pdf"
    pdf.write_bytes(simple_pdf(["Van ban khong ky"]))
    page.goto(site_url(documents["site"], "/kiem-tra-chu-ky-so/"))
    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(pdf))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    assert "Tệp không có chữ ký số." in page.locator(".verify-report").inner_text()
    assert_accessible(page)
