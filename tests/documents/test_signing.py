"""Signing a document's PDF: PAdES with a visible stamp, stored beside the original,
never twice, and any failure leaves the document as it was."""

import hashlib
import shutil
import subprocess

import pytest
from django.test import TestCase

from documents import signing, verification
from documents.demo_pki import DemoCA
from documents.models import Document, SigningState
from documents.pdfgen import simple_pdf
from tests.documents.factories import DocumentFactory


def _sign(document, user):
    # The signing task is queued on commit; run it as the commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        signing.request_signing(document, by=user)


@pytest.mark.django_db
def test_approver_signs_a_pdf_and_it_verifies_intact_and_trusted(
    commune, commune_approver, credential
):
    document = DocumentFactory(tenant=commune, number="15/2024/QĐ-UBND", pdf=True)
    original_name = document.file.name

    _sign(document, commune_approver)

    document.refresh_from_db()
    assert document.signing_state == SigningState.SIGNED
    assert document.file.name == original_name  # the original is kept
    assert document.signed_file.name.endswith("-signed.pdf")
    data = document.signed_file.read()
    assert hashlib.sha256(data).hexdigest() == document.signed_sha256
    assert "UBND" in document.signature_subject and document.signature_serial
    report = verification.verify_pdf_bytes(data)
    assert report.ok
    (sig,) = report.signatures
    assert sig.intact and sig.trusted and not sig.modified
    assert sig.signer.startswith("UBND")
    assert sig.chain[-1] == "CA Thử Nghiệm"
    assert document.public_file == document.signed_file


@pytest.mark.django_db
def test_signed_document_is_never_signed_again(commune, commune_approver, credential):
    document = DocumentFactory(tenant=commune, pdf=True)
    _sign(document, commune_approver)
    document.refresh_from_db()
    first = document.signed_sha256
    with pytest.raises(signing.SigningError, match="không ký lại"):
        signing.request_signing(document, by=commune_approver)
    signing.sign_document(document.pk)  # a repeated task is a no-op
    document.refresh_from_db()
    assert document.signed_sha256 == first


@pytest.mark.django_db
def test_wrong_passphrase_records_the_error_and_changes_nothing_else(
    commune, commune_approver, trusted_ca, make_credential
):
    make_credential(commune, trusted_ca, given="sai-mat-khau")
    document = DocumentFactory(tenant=commune, pdf=True)
    before = Document.objects.filter(pk=document.pk).values().get()

    _sign(document, commune_approver)

    document.refresh_from_db()
    assert document.signing_state == SigningState.FAILED
    assert "Mật khẩu chứng thư số không đúng" in document.signing_error
    assert not document.signed_file
    after = Document.objects.filter(pk=document.pk).values().get()
    changed = {k for k in before if before[k] != after[k]}
    assert changed <= {"signing_state", "signing_error"}


@pytest.mark.django_db
def test_expired_certificate_is_refused(commune, commune_approver, trusted_ca, make_credential):
    make_credential(commune, trusted_ca, expired=True)
    document = DocumentFactory(tenant=commune, pdf=True)
    _sign(document, commune_approver)
    document.refresh_from_db()
    assert document.signing_state == SigningState.FAILED
    assert "hết hạn" in document.signing_error
    assert not document.signed_file


@pytest.mark.django_db
def test_corrupt_pdf_is_refused_without_partial_state(commune, commune_approver, credential):
    document = DocumentFactory(tenant=commune, pdf=b"%PDF-1.7\nthis is not really a pdf")
    _sign(document, commune_approver)
    document.refresh_from_db()
    assert document.signing_state == SigningState.FAILED
    assert "PDF" in document.signing_error
    assert not document.signed_file and not document.signed_sha256


@pytest.mark.django_db
def test_editor_cannot_sign_and_docx_cannot_be_signed(commune, commune_editor, commune_approver):
    document = DocumentFactory(tenant=commune, pdf=True)
    with pytest.raises(signing.SigningError, match="người duyệt"):
        signing.request_signing(document, by=commune_editor)
    document.file.name = "t/1/documents/van-ban.docx"
    with pytest.raises(signing.SigningError, match="PDF"):
        signing.request_signing(document, by=commune_approver)


@pytest.mark.django_db
def test_site_without_credential_gets_a_clear_message(commune, commune_approver):
    document = DocumentFactory(tenant=commune, pdf=True)
    with pytest.raises(signing.SigningError, match="chưa có chứng thư"):
        signing.request_signing(document, by=commune_approver)


@pytest.mark.django_db
def test_sign_pdf_bytes_works_outside_the_document_model(commune, credential):
    result = signing.sign_pdf_bytes(
        simple_pdf(["Báo cáo tuân thủ"]),
        commune,
        reason="Báo cáo",
        location="Xã An Bình",
        stamp_lines=["Báo cáo số 7"],
    )
    assert result.data.startswith(b"%PDF")
    assert result.sha256 == hashlib.sha256(result.data).hexdigest()
    assert result.subject.endswith("UBND Xã An Bình") or "UBND" in result.subject
    assert result.serial and result.signed_at
    assert verification.verify_pdf_bytes(result.data).ok


@pytest.mark.django_db
def test_pdfsig_independently_finds_a_valid_signature(commune, credential, tmp_path):
    assert shutil.which("pdfsig"), "poppler-utils (pdfsig) must be installed"
    result = signing.sign_pdf_bytes(simple_pdf(["Quyết định"]), commune, reason="Ban hành")
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(result.data)
    output = subprocess.run(
        ["pdfsig", str(signed)], capture_output=True, text=True, check=False
    ).stdout
    assert "Signature Validation: Signature is Valid." in output
    assert "ETSI.CAdES.detached" in output  # PAdES
    assert "Total document signed" in output

    tampered = bytearray(result.data)
    tampered[result.data.index(b"Quyet dinh")] ^= 0x01
    signed.write_bytes(bytes(tampered))
    output = subprocess.run(
        ["pdfsig", str(signed)], capture_output=True, text=True, check=False
    ).stdout
    assert "Signature is Valid." not in output


@pytest.mark.django_db
def test_a_second_signature_keeps_the_first_one_intact(commune, credential, trusted_ca):
    first = signing.sign_pdf_bytes(simple_pdf(["Văn bản"]), commune, reason="Ký lần 1")
    second = signing.sign_pdf_bytes(first.data, commune, reason="Ký lần 2")
    report = verification.verify_pdf_bytes(second.data)
    assert len(report.signatures) == 2
    assert all(sig.intact and sig.trusted for sig in report.signatures)
    assert [s.field_name for s in report.signatures] == ["ChuKySo1", "ChuKySo2"]


def test_demo_ca_issues_a_loadable_pkcs12():
    ca = DemoCA.create()
    from cryptography.hazmat.primitives.serialization import pkcs12

    key, cert, extra = pkcs12.load_key_and_certificates(ca.issue_pkcs12("A", "p"), b"p")
    assert cert.issuer == ca.cert.subject and extra[0] == ca.cert


@pytest.mark.django_db
def test_unreachable_timestamp_authority_fails_cleanly(commune, commune_approver, credential):
    credential.timestamp_url = "http://127.0.0.1:9/tsa"  # B-T requested, nobody answers
    credential.save()
    document = DocumentFactory(tenant=commune, pdf=True)
    _sign(document, commune_approver)
    document.refresh_from_db()
    assert document.signing_state == SigningState.FAILED
    assert document.signing_error
    assert not document.signed_file


@pytest.mark.django_db
def test_the_original_of_a_signed_document_cannot_be_replaced(
    commune, commune_approver, credential
):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = DocumentFactory(tenant=commune, pdf=True)
    _sign(document, commune_approver)
    document.refresh_from_db()
    document.file = SimpleUploadedFile("khac.pdf", simple_pdf(["khac"]), "application/pdf")
    with pytest.raises(ValidationError, match="không thay được tệp gốc"):
        document.full_clean()
