"""The report PDF is signed by the province through the documents app's
`sign_pdf_bytes` (pyHanko, PAdES): it verifies with the portal's own verifier
(`documents.verification`, the /kiem-tra-chu-ky-so/ page) and with poppler's pdfsig; a
province without a usable credential gets an unsigned report, never a failed export."""

import datetime
import subprocess

import pytest
from django.utils import timezone

from compliance.exports import write_pdf
from compliance.models import ExportJob
from compliance.reporting import report_data, sign_report
from documents import verification
from documents.demo_pki import DemoCA
from documents.models import SigningCredential
from tests.compliance.test_exports import download, export, measured  # noqa: F401

pytestmark = pytest.mark.django_db
PASSPHRASE = "mat-khau-bao-cao"


@pytest.fixture(scope="module")
def ca():
    return DemoCA.create("CA Thử Nghiệm Báo Cáo")


@pytest.fixture
def province_credential(province, ca, settings, tmp_path, monkeypatch):
    """The province's PKCS#12 credential, its CA the only trust root."""
    (tmp_path / "ca.pem").write_bytes(ca.pem)
    settings.DOCUMENTS_TRUST_ROOTS = [str(tmp_path / "ca.pem")]
    settings.DOCUMENTS_TRUST_DEMO_CA = False
    p12 = tmp_path / "province.p12"
    p12.write_bytes(ca.issue_pkcs12(f"UBND {province.name_vi}", PASSPHRASE))
    monkeypatch.setenv("REPORT_SIGN_PASS", PASSPHRASE)
    return SigningCredential.objects.create(
        tenant=province, label="Chứng thư tỉnh", pkcs12_path=str(p12),
        passphrase_env="REPORT_SIGN_PASS",
    )  # fmt: skip


def _report(province):
    now = timezone.now()
    return write_pdf(report_data(province, now - datetime.timedelta(days=1), now, allowed_ids=None))


def pdfsig(pdf, tmp_path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def test_unsigned_when_the_province_has_no_credential(province, commune):
    pdf, signed = sign_report(_report(province), commune)
    assert signed is False and pdf.startswith(b"%PDF")


def test_signed_by_the_province_verifies_on_the_portal_and_with_pdfsig(
    province, commune, province_credential, tmp_path
):
    pdf, signed = sign_report(_report(province), commune)  # a commune's report: the province signs
    assert signed is True
    report = verification.verify_pdf_bytes(pdf)
    assert report.ok, report
    (signature,) = report.signatures
    assert signature.signer == f"UBND {province.name_vi}"
    assert signature.chain[-1].startswith("CA Thử Nghiệm Báo Cáo")
    assert "Signature is Valid." in pdfsig(pdf, tmp_path)

    tampered = bytearray(pdf)
    index = pdf.index(b"/Producer")  # inside the signed byte range
    tampered[index + 2] ^= 0x01
    assert "Signature is Valid." not in pdfsig(bytes(tampered), tmp_path)
    assert not verification.verify_pdf_bytes(bytes(tampered)).ok


def test_expired_credential_leaves_the_report_unsigned(
    province, commune, ca, tmp_path, monkeypatch
):
    p12 = tmp_path / "expired.p12"
    p12.write_bytes(ca.issue_pkcs12("UBND hết hạn", PASSPHRASE, expired=True))
    monkeypatch.setenv("REPORT_SIGN_PASS", PASSPHRASE)
    SigningCredential.objects.create(
        tenant=province, label="Hết hạn", pkcs12_path=str(p12), passphrase_env="REPORT_SIGN_PASS"
    )
    pdf, signed = sign_report(_report(province), province)
    assert signed is False and pdf.startswith(b"%PDF")


def test_pdf_export_job_is_signed(auditor, province, measured, province_credential):  # noqa: F811
    client, _response = export(auditor, province, fmt="pdf")
    job = ExportJob.objects.get()
    assert job.signed is True
    assert verification.verify_pdf_bytes(download(client, job)).ok
