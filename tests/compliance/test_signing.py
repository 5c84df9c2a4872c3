"""sign_report: the report PDF is signed through `documents.signing.sign_pdf_bytes` when the
documents app provides it (wired at merge); here a test signer with pyHanko stands in for
it, and the signed report verifies with pyHanko and with poppler's pdfsig."""

import datetime
import io
import subprocess
import sys
import types

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from compliance.exports import write_pdf
from compliance.reporting import report_data, sign_report

pytestmark = pytest.mark.django_db


def make_credentials(tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "UBND Tỉnh Thử Nghiệm")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, True, False, False, False), critical=True
        )
        .sign(key, hashes.SHA256())
    )
    p12 = tmp_path / "signer.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", key, cert, None, serialization.BestAvailableEncryption(b"secret")
        )
    )
    return p12, cert


@pytest.fixture
def documents_signing(tmp_path, monkeypatch):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    p12, cert = make_credentials(tmp_path)
    signer = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=b"secret")

    def sign_pdf_bytes(pdf_bytes, tenant, *, reason):
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
        meta = signers.PdfSignatureMetadata(
            field_name="Signature1", reason=reason, subfilter=SigSeedSubFilter.PADES
        )
        return signers.sign_pdf(writer, meta, signer=signer).getvalue()

    module = types.ModuleType("documents.signing")
    module.sign_pdf_bytes = sign_pdf_bytes
    monkeypatch.setitem(sys.modules, "documents.signing", module)
    return cert


def _report(province):
    from django.utils import timezone

    now = timezone.now()
    return write_pdf(report_data(province, now - datetime.timedelta(days=1), now, allowed_ids=None))


def test_unsigned_when_the_documents_app_has_no_signing_yet(province):
    pdf, signed = sign_report(_report(province), province)
    assert signed is False and pdf.startswith(b"%PDF")


def test_signed_report_verifies_with_pyhanko_and_pdfsig(
    province, commune, documents_signing, tmp_path
):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    pdf, signed = sign_report(_report(province), commune)
    assert signed is True
    trust = asn1_x509.Certificate.load(documents_signing.public_bytes(Encoding.DER))
    reader = PdfFileReader(io.BytesIO(pdf))
    status = validate_pdf_signature(
        reader.embedded_signatures[0], ValidationContext(trust_roots=[trust])
    )
    assert status.intact and status.valid and status.trusted

    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    output = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in output

    tampered = bytearray(pdf)
    index = pdf.index(b"/Producer")  # inside the signed byte range
    tampered[index + 2] ^= 0x01
    path.write_bytes(bytes(tampered))
    output = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid." not in output
