"""Signing with a key kept on a PKCS#11 token, against a real SoftHSM2 token: the signed
PDF verifies on the portal and with poppler's pdfsig; a wrong PIN, an unknown token, a
missing module or a missing key give a clear Vietnamese message and leave the document as
it was; the token session is closed after signing; the admin checks the fields per kind."""

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from documents import signing, verification
from documents.models import CredentialKind, Document, SigningCredential, SigningState
from documents.pdfgen import simple_pdf
from tests.documents.factories import DocumentFactory

MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
)
TOKEN_LABEL = "Token Ký Số Thử"
PIN = "246810"
SO_PIN = "13579111"
KEY_LABEL = "khoa-ubnd"
EXPIRED_LABEL = "khoa-het-han"
CA_LABEL = "ca-thu-nghiem"


def _softhsm_module() -> str:
    module = next((path for path in MODULE_CANDIDATES if Path(path).is_file()), None)
    if module is None or not shutil.which("softhsm2-util"):
        pytest.fail("SoftHSM2 is missing: apt-get install softhsm2 (.ci/run does it)")
    return module


def _import(session, label: str, ident: bytes, p12: bytes, passphrase: str) -> None:
    """The key and certificate of a PKCS#12 onto the token, as a CA's card issuer would."""
    from pkcs11 import Attribute, KeyType, ObjectClass
    from pkcs11.util.ec import encode_named_curve_parameters

    key, cert, _chain = pkcs12.load_key_and_certificates(p12, passphrase.encode())
    session.create_object(
        {
            Attribute.CLASS: ObjectClass.PRIVATE_KEY,
            Attribute.KEY_TYPE: KeyType.EC,
            Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1"),
            Attribute.VALUE: key.private_numbers().private_value.to_bytes(32, "big"),
            Attribute.LABEL: label,
            Attribute.ID: ident,
            Attribute.TOKEN: True,
            Attribute.PRIVATE: True,
            Attribute.SENSITIVE: True,
            Attribute.SIGN: True,
        }
    )
    _import_cert(session, label, ident, cert)


def _import_cert(session, label: str, ident: bytes, cert) -> None:
    from pkcs11 import Attribute, CertificateType, ObjectClass

    session.create_object(
        {
            Attribute.CLASS: ObjectClass.CERTIFICATE,
            Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.VALUE: cert.public_bytes(Encoding.DER),
            Attribute.SUBJECT: cert.subject.public_bytes(),
            Attribute.LABEL: label,
            Attribute.ID: ident,
            Attribute.TOKEN: True,
        }
    )


@pytest.fixture(scope="session")
def softhsm_token(demo_ca, tmp_path_factory):
    """One SoftHSM2 token for the session: a valid signer key, an expired one, the CA.
    Session-wide because the module reads SOFTHSM2_CONF once per process."""
    module = _softhsm_module()
    root = tmp_path_factory.mktemp("softhsm")
    (root / "tokens").mkdir()
    conf = root / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {root / 'tokens'}\nobjectstore.backend = file\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOFTHSM2_CONF", str(conf))
        subprocess.run(
            ["softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL]
            + ["--pin", PIN, "--so-pin", SO_PIN],
            check=True,
            capture_output=True,
        )
        import pkcs11

        token = pkcs11.lib(module).get_token(token_label=TOKEN_LABEL)
        with token.open(rw=True, user_pin=PIN) as session:
            _import(session, KEY_LABEL, b"\x01", demo_ca.issue_pkcs12("UBND Xã Thử", "p"), "p")
            expired = demo_ca.issue_pkcs12("UBND Hết Hạn", "p", expired=True)
            _import(session, EXPIRED_LABEL, b"\x02", expired, "p")
            _import_cert(session, CA_LABEL, b"\x09", demo_ca.cert)
        yield module


@pytest.fixture
def token_credential(softhsm_token, trusted_ca, monkeypatch):
    """token_credential(tenant, pin=PIN, **fields) -> an active PKCS#11 credential."""

    def make(tenant, *, pin=PIN, **fields):
        env = f"TOKEN_PIN_{tenant.pk}"
        monkeypatch.setenv(env, pin)
        values = {
            "kind": CredentialKind.PKCS11,
            "label": "Token thử",
            "pkcs11_module": softhsm_token,
            "pkcs11_token_label": TOKEN_LABEL,
            "pkcs11_key_label": KEY_LABEL,
            "passphrase_env": env,
            **fields,
        }
        SigningCredential.objects.filter(tenant=tenant).delete()
        credential = SigningCredential(tenant=tenant, **values)
        credential.full_clean()
        credential.save()
        return credential

    return make


def _pdfsig(data: bytes, tmp_path) -> str:
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def _unchanged_after_failed_signing(document, approver) -> Document:
    before = Document.objects.filter(pk=document.pk).values().get()
    with TestCase.captureOnCommitCallbacks(execute=True):  # the task is queued on commit
        signing.request_signing(document, by=approver)
    document.refresh_from_db()
    after = Document.objects.filter(pk=document.pk).values().get()
    assert document.signing_state == SigningState.FAILED
    assert not document.signed_file and not document.signed_sha256
    assert {k for k in before if before[k] != after[k]} <= {"signing_state", "signing_error"}
    return document


@pytest.mark.django_db
def test_document_signed_with_a_token_verifies_on_the_portal_and_with_pdfsig(
    commune, commune_approver, token_credential, tmp_path
):
    assert shutil.which("pdfsig"), "poppler-utils (pdfsig) must be installed"
    token_credential(commune)
    document = DocumentFactory(tenant=commune, number="7/2024/QĐ-UBND", pdf=True)

    with TestCase.captureOnCommitCallbacks(execute=True):  # the task is queued on commit
        signing.request_signing(document, by=commune_approver)

    document.refresh_from_db()
    assert document.signing_state == SigningState.SIGNED, document.signing_error
    assert "UBND Xã Thử" in document.signature_subject
    data = document.signed_file.read()
    report = verification.verify_pdf_bytes(data)
    assert report.ok, report
    (sig,) = report.signatures
    assert sig.intact and sig.trusted and not sig.modified
    assert sig.signer == "UBND Xã Thử"
    assert sig.chain[-1] == "CA Thử Nghiệm"
    output = _pdfsig(data, tmp_path)
    assert "Signature Validation: Signature is Valid." in output
    assert "ETSI.CAdES.detached" in output

    tampered = bytearray(data)
    tampered[data.index(b"stream") + 10] ^= 0x01  # inside the original page content
    assert "Signature is Valid." not in _pdfsig(bytes(tampered), tmp_path)
    assert not verification.verify_pdf_bytes(bytes(tampered)).ok


@pytest.mark.django_db
def test_cert_label_defaults_to_the_key_label_and_can_name_another_certificate(
    commune, token_credential
):
    token_credential(commune, pkcs11_cert_label=KEY_LABEL)
    result = signing.sign_pdf_bytes(simple_pdf(["Báo cáo"]), commune, reason="Báo cáo")
    assert verification.verify_pdf_bytes(result.data).ok

    # The CA's certificate does not match the key: refused before anything is signed.
    token_credential(commune, pkcs11_cert_label=CA_LABEL)
    with pytest.raises(signing.SigningError, match="không khớp với chứng thư số"):
        signing.sign_pdf_bytes(simple_pdf(["Báo cáo"]), commune, reason="Báo cáo")


@pytest.mark.django_db
def test_the_token_session_is_closed_after_signing(commune, token_credential):
    from pkcs11 import SessionHandleInvalid

    credential = token_credential(commune)
    with signing.open_signer(credential) as signer:
        session = signer.pkcs11_session
        assert len(session.generate_random(64)) == 8
    with pytest.raises(SessionHandleInvalid):
        session.generate_random(64)


@pytest.mark.django_db
def test_wrong_pin_is_refused_in_vietnamese_and_the_document_is_unchanged(
    commune, commune_approver, token_credential
):
    token_credential(commune, pin="000000")
    document = DocumentFactory(tenant=commune, pdf=True)
    document = _unchanged_after_failed_signing(document, commune_approver)
    assert document.signing_error == "Mã PIN của thiết bị ký số không đúng."


@pytest.mark.django_db
def test_expired_certificate_on_the_token_is_refused(commune, commune_approver, token_credential):
    token_credential(commune, pkcs11_key_label=EXPIRED_LABEL)
    document = DocumentFactory(tenant=commune, pdf=True)
    document = _unchanged_after_failed_signing(document, commune_approver)
    assert "Chứng thư số đã hết hạn ngày" in document.signing_error


@pytest.mark.django_db
def test_unknown_token_label_gets_a_clear_message(commune, token_credential):
    token_credential(commune, pkcs11_token_label="Token Khác")
    with pytest.raises(signing.SigningError) as error:
        signing.sign_pdf_bytes(simple_pdf(["x"]), commune, reason="r")
    assert str(error.value).startswith("Không tìm thấy thiết bị ký số có nhãn “Token Khác”")


@pytest.mark.django_db
def test_missing_module_gets_a_clear_message(commune, token_credential, tmp_path):
    missing = str(tmp_path / "libvendor-pkcs11.so")
    token_credential(commune, pkcs11_module=missing)
    with pytest.raises(signing.SigningError) as error:
        signing.sign_pdf_bytes(simple_pdf(["x"]), commune, reason="r")
    assert str(error.value).startswith(f"Không tìm thấy mô-đun PKCS#11 “{missing}”")


@pytest.mark.django_db
def test_a_file_that_is_no_pkcs11_module_gets_a_clear_message(commune, token_credential):
    token_credential(commune, pkcs11_module="/etc/hostname")
    with pytest.raises(signing.SigningError, match="Không nạp được mô-đun PKCS#11"):
        signing.sign_pdf_bytes(simple_pdf(["x"]), commune, reason="r")


@pytest.mark.django_db
def test_missing_key_or_certificate_gets_a_clear_message(commune, token_credential):
    token_credential(commune, pkcs11_key_label="khong-co")
    with pytest.raises(signing.SigningError) as error:
        signing.sign_pdf_bytes(simple_pdf(["x"]), commune, reason="r")
    assert str(error.value) == "Không tìm thấy khóa bí mật “khong-co” trên thiết bị ký số."

    token_credential(commune, pkcs11_cert_label="khong-co")
    with pytest.raises(signing.SigningError) as error:
        signing.sign_pdf_bytes(simple_pdf(["x"]), commune, reason="r")
    assert str(error.value) == "Không tìm thấy chứng thư số “khong-co” trên thiết bị ký số."


@pytest.mark.django_db
def test_pin_not_set_on_the_server_gets_a_clear_message(commune, token_credential, monkeypatch):
    credential = token_credential(commune)
    monkeypatch.delenv(credential.passphrase_env)
    with pytest.raises(signing.SigningError, match="Chưa có mã PIN của thiết bị ký số"):
        signing.sign_pdf_bytes(simple_pdf(["x"]), commune, reason="r")


@pytest.mark.django_db
def test_compliance_report_is_signed_by_a_province_token(province, commune, token_credential):
    from compliance.reporting import sign_report

    token_credential(province)
    pdf, signed = sign_report(simple_pdf(["Báo cáo tuân thủ"]), commune)
    assert signed is True
    assert verification.verify_pdf_bytes(pdf).ok


# --- the credential's own rules and the admin -----------------------------------------
@pytest.mark.django_db
def test_credential_requires_the_fields_of_its_kind(commune):
    required = "Trường này là bắt buộc với loại chứng thư đã chọn."
    pkcs12_without_file = SigningCredential(tenant=commune, label="A")
    with pytest.raises(ValidationError) as error:
        pkcs12_without_file.full_clean()
    assert error.value.message_dict == {"pkcs12_path": [required]}

    token = SigningCredential(tenant=commune, label="B", kind=CredentialKind.PKCS11)
    with pytest.raises(ValidationError) as error:
        token.full_clean()
    assert error.value.message_dict == {
        "pkcs11_module": [required],
        "pkcs11_token_label": [required],
        "pkcs11_key_label": [required],
        "passphrase_env": [
            "Thiết bị PKCS#11 cần mã PIN: nhập tên biến môi trường hoặc tệp chứa mã PIN."
        ],
    }

    token.pkcs11_module = "libsofthsm2.so"
    token.pkcs11_token_label, token.pkcs11_key_label = TOKEN_LABEL, KEY_LABEL
    token.passphrase_env = "TOKEN_PIN"
    with pytest.raises(ValidationError, match="đường dẫn tuyệt đối"):
        token.full_clean()
    token.pkcs11_module = "/usr/lib/softhsm/libsofthsm2.so"
    token.full_clean()  # no PKCS#12 path needed for a token


def _admin_post(client, data):
    return client.post(reverse("admin:documents_signingcredential_add"), data, follow=True)


@pytest.mark.django_db
def test_admin_groups_the_fields_by_kind_and_validates_each_kind(commune, superuser, site_client):
    client = site_client(commune, superuser)
    page = client.get(reverse("admin:documents_signingcredential_add")).content.decode()
    for heading in ("Tệp PKCS#12", "Thiết bị ký số PKCS#11", "Mật khẩu hoặc mã PIN"):
        assert heading in page
    assert "Nhãn thiết bị (token)" in page

    base = {"tenant": commune.pk, "label": "Token UBND", "is_active": "on"}
    response = _admin_post(client, {**base, "kind": "pkcs11"})
    assert "Trường này là bắt buộc với loại chứng thư đã chọn." in response.content.decode()
    assert not SigningCredential.objects.exists()

    response = _admin_post(client, {**base, "kind": "pkcs12"})
    assert "Trường này là bắt buộc với loại chứng thư đã chọn." in response.content.decode()
    assert not SigningCredential.objects.exists()

    token = {
        "kind": "pkcs11",
        "pkcs11_module": "/usr/lib/softhsm/libsofthsm2.so",
        "pkcs11_token_label": TOKEN_LABEL,
        "pkcs11_key_label": KEY_LABEL,
        "passphrase_env": "TOKEN_PIN",
    }
    _admin_post(client, {**base, **token})
    saved = SigningCredential.objects.get()
    assert saved.kind == CredentialKind.PKCS11 and saved.pkcs12_path == ""
    assert saved.pkcs11_cert_label == ""  # the key label is used


@pytest.mark.django_db(transaction=True)
def test_two_threads_signing_with_one_token_both_succeed(commune, token_credential):
    """The PIN login is per process: a second session must wait for the first to close."""
    from concurrent.futures import ThreadPoolExecutor

    credential = token_credential(commune)

    def sign(index):
        pdf = simple_pdf([f"Văn bản {index}"])
        return signing.sign_pdf_bytes(pdf, commune, reason="r", credential=credential)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(sign, range(8)))
    assert all(verification.verify_pdf_bytes(result.data).ok for result in results)
