"""The public verification page and the rules behind it: intact/modified, trusted or
not, several signatures, bad files; nothing stored but the hash."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import signing, verification
from documents.demo_pki import DemoCA
from documents.pdfgen import simple_pdf

URL = "/kiem-tra-chu-ky-so/"


@pytest.fixture
def signed_pdf(commune, credential):
    return signing.sign_pdf_bytes(
        simple_pdf(["Quyết định số 15/2024/QĐ-UBND", "Nội dung chính"]),
        commune,
        reason="Ban hành",
        stamp_lines=["Số: 15/2024/QĐ-UBND"],
    ).data


def _upload(client, data, name="van-ban.pdf"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data, "application/pdf")})


def test_flipping_one_byte_after_signing_is_reported_modified(signed_pdf):
    tampered = bytearray(signed_pdf)
    tampered[signed_pdf.index(b"Noi dung chinh")] ^= 0x01
    report = verification.verify_pdf_bytes(bytes(tampered))
    (sig,) = report.signatures
    assert sig.modified and not sig.intact
    assert not report.ok


def test_signer_from_an_untrusted_ca_is_reported_untrusted(commune, make_credential, trusted_ca):
    stranger = DemoCA.create("CA Lạ")
    make_credential(commune, stranger)
    data = signing.sign_pdf_bytes(simple_pdf(["x"]), commune, reason="r").data
    (sig,) = verification.verify_pdf_bytes(data).signatures
    assert sig.intact and not sig.modified
    assert not sig.trusted
    assert sig.issuer == "CA Lạ"


def test_results_are_cached_by_hash(signed_pdf, monkeypatch):
    report = verification.verify_pdf_bytes(signed_pdf)
    assert report.sha256 == hashlib.sha256(signed_pdf).hexdigest()

    def must_not_run(*args):
        raise AssertionError("verified again instead of using the cache")

    monkeypatch.setattr(verification, "_verify", must_not_run)
    assert verification.verify_pdf_bytes(signed_pdf) == report


def test_cached_report_speaks_the_readers_language(signed_pdf):
    """A report cached while serving Vietnamese must not leak into the English page."""
    from django.utils import translation

    with translation.override("vi"):
        assert verification.verify_pdf_bytes(signed_pdf).signatures[0].coverage == "Toàn bộ tệp"
    with translation.override("en"):
        assert verification.verify_pdf_bytes(signed_pdf).signatures[0].coverage == "The whole file"


def test_verification_page_shows_signer_time_chain_and_trust(
    commune, site_client, signed_pdf, tmp_path, settings
):
    response = _upload(site_client(commune), signed_pdf)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyên vẹn" in page
    assert "UBND Xã An Bình" in page
    assert "CA Thử Nghiệm" in page
    assert "Tin cậy" in page and "Không tin cậy" not in page
    assert "Thời điểm ký" in page
    assert hashlib.sha256(signed_pdf).hexdigest() in page
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))  # nothing stored


def test_verification_page_reports_tampered_file(commune, site_client, signed_pdf):
    tampered = bytearray(signed_pdf)
    tampered[signed_pdf.index(b"Noi dung chinh")] ^= 0x01
    page = _upload(site_client(commune), bytes(tampered)).content.decode()
    assert "Đã bị sửa đổi sau khi ký" in page


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"MZ\x90\x00 an executable renamed", "virus.pdf", "không đúng định dạng"),
        (b"hello", "notes.txt", "không được chấp nhận"),
        (b"%PDF-1.7\n1 0 obj\n<<>>\ngarbage", "broken.pdf", "bị hỏng"),
        (simple_pdf(["Không ký"]), "plain.pdf", "không có chữ ký số"),
    ],
)
def test_bad_files_get_a_clear_message_never_a_500(commune, site_client, data, name, message, db):
    response = _upload(site_client(commune), data, name)
    assert response.status_code in (200, 400)
    assert message in response.content.decode()


def test_encrypted_pdf_gets_a_clear_message(commune, site_client, db):
    import io

    from pyhanko.pdf_utils.crypt import StandardSecurityHandler
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(simple_pdf(["Bí mật"]))))
    writer.security_handler = StandardSecurityHandler.build_from_pw("secret")
    writer._assign_security_handler(writer.security_handler)
    out = io.BytesIO()
    writer.write(out)
    response = _upload(site_client(commune), out.getvalue(), "secret.pdf")
    assert response.status_code == 200
    assert "mã hóa" in response.content.decode()


def test_a_200_mb_upload_is_refused_before_it_is_read(commune, site_client, db):
    client = site_client(commune)
    response = client.post(
        URL,
        data=b"x" * 10,
        content_type="multipart/form-data; boundary=zzz",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Tệp quá lớn" in response.content.decode()


def test_verification_page_query_budget(
    commune, site_client, signed_pdf, django_assert_max_num_queries
):
    client = site_client(commune)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(10):
        assert _upload(client, signed_pdf).status_code == 200
