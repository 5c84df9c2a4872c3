"""PAdES signing with pyHanko: a plain function for any PDF (`sign_pdf_bytes`, also used by
the compliance reports) and the document rule built on it (`request_signing`,
`sign_document`). A failure never leaves a half-signed document: the signed copy and its
metadata are written together, or not at all, and the reason is recorded for staff."""

from __future__ import annotations

import hashlib
import io
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from operations import outbox
from portal.rules import RuleError
from tenants.access import PUBLISHING_ROLES, has_role
from tenants.text import fold_vietnamese

from .models import CredentialKind, Document, SigningCredential, SigningState
from .sync import outside_event_loop

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

FIELD_PREFIX = "ChuKySo"
STAMP_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


class SigningError(RuleError):
    """Signing refused or failed; the message is for staff, in their language."""


@dataclass(frozen=True)
class SignedResult:
    data: bytes
    subject: str
    serial: str
    signed_at: datetime
    sha256: str


# --- credentials -----------------------------------------------------------------------
def credential_for(tenant) -> SigningCredential:
    credential = SigningCredential.objects.filter(tenant=tenant, is_active=True).first()
    if credential is None:
        raise SigningError(_("Đơn vị “%(tenant)s” chưa có chứng thư ký số.") % {"tenant": tenant})
    return credential


def _secret(credential: SigningCredential) -> str | None:
    """The PKCS#12 passphrase or the token PIN: from the environment, else from a file."""
    # The variable is named by the credential row (a secret, never a setting): read at use.
    if credential.passphrase_env and credential.passphrase_env in os.environ:
        return os.environ[credential.passphrase_env]
    if credential.passphrase_file:
        try:
            return Path(credential.passphrase_file).read_text().strip()
        except OSError as exc:
            raise SigningError(_("Không đọc được tệp mật khẩu của chứng thư số.")) from exc
    return None


def _check_validity(cert) -> None:
    validity = cert["tbs_certificate"]["validity"]
    now = timezone.now()
    not_before, not_after = validity["not_before"].native, validity["not_after"].native
    if now > not_after:
        raise SigningError(
            _("Chứng thư số đã hết hạn ngày %(date)s.") % {"date": f"{not_after:%d/%m/%Y}"}
        )
    if now < not_before:
        raise SigningError(_("Chứng thư số chưa đến ngày có hiệu lực."))


def _load_pkcs12_signer(credential: SigningCredential):
    from pyhanko.sign import signers

    try:
        data = Path(credential.pkcs12_path).read_bytes()
    except OSError as exc:
        raise SigningError(_("Không đọc được tệp chứng thư số (PKCS#12) trên máy chủ.")) from exc
    secret = _secret(credential)
    passphrase = secret.encode() if secret is not None else None
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, [], passphrase=passphrase)
    except (ValueError, TypeError) as exc:
        raise SigningError(_("Mật khẩu chứng thư số không đúng hoặc tệp PKCS#12 bị hỏng.")) from exc
    if signer is None or signer.signing_cert is None:
        raise SigningError(_("Mật khẩu chứng thư số không đúng hoặc tệp PKCS#12 bị hỏng."))
    return signer


def load_signer(credential: SigningCredential):
    """A pyHanko signer for the credential: a PKCS#12 file or a key on a PKCS#11 token.
    Refuses a wrong passphrase/PIN, a missing key or an expired certificate. A token
    signer holds an open session: release it with `close_signer`, or use `open_signer`."""
    if credential.kind == CredentialKind.PKCS11:
        try:
            from .signing_pkcs11 import load_pkcs11_signer
        except ImportError as exc:
            raise SigningError(
                _("Máy chủ chưa cài thư viện PKCS#11 (pip install 'pyHanko[pkcs11]').")
            ) from exc
        signer = load_pkcs11_signer(credential, _secret(credential))
    else:
        signer = _load_pkcs12_signer(credential)
    try:
        _check_validity(signer.signing_cert)
    except SigningError:
        close_signer(signer)
        raise
    return signer


def close_signer(signer) -> None:
    """Release what the signer holds (a token session and lock); nothing for PKCS#12."""
    close = getattr(signer, "close", None)
    if callable(close):
        close()


@contextmanager
def open_signer(credential: SigningCredential) -> Iterator:
    """`load_signer` whose token session is closed on leaving, whatever happened."""
    signer = load_signer(credential)
    try:
        yield signer
    finally:
        close_signer(signer)


# --- the stamp ---------------------------------------------------------------------------
def _stamp_font():
    path = settings.DOCUMENTS_STAMP_FONT
    candidates = [path] if path else list(STAMP_FONT_CANDIDATES)
    try:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    except ImportError:  # pyHanko without [opentype]: fall back to folded text
        return None
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return GlyphAccumulatorFactory(candidate)
    return None


def _stamp_box(writer) -> tuple[int, int, int, int]:
    """Bottom of page 1, right-aligned, whatever the page size."""
    try:
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        x0, y0, x1, _y1 = (float(v) for v in page["/MediaBox"])
    except Exception:  # noqa: BLE001 - odd page trees: assume A4
        x0, y0, x1 = 0.0, 0.0, 595.0
    right = int(x1) - 18
    left = max(int(x0) + 18, right - 330)
    return left, int(y0) + 16, right, int(y0) + 80


def _stamp_style(tenant, lines: list[str] | None):
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    texts = [
        str(tenant.name),
        _("Ký bởi: %(signer)s") % {"signer": "%(signer)s"},
        _("Thời gian: %(ts)s") % {"ts": "%(ts)s"},
        *[line.replace("%", "%%") for line in (lines or [])],
    ]
    font = _stamp_font()
    text = "\n".join(texts)
    if font is None:
        text = fold_vietnamese(text)
    box_style = TextBoxStyle(font=font, font_size=7) if font else TextBoxStyle(font_size=7)
    return TextStampStyle(
        stamp_text=text, text_box_style=box_style, timestamp_format="%d/%m/%Y %H:%M:%S"
    )


# --- signing any PDF ---------------------------------------------------------------------
def sign_pdf_bytes(
    pdf: bytes,
    tenant,
    *,
    reason: str,
    location: str = "",
    stamp_lines: list[str] | None = None,
    credential: SigningCredential | None = None,
) -> SignedResult:
    """Sign `pdf` with the tenant's credential: PAdES B-B, or B-T with a TSA configured;
    a visible stamp on page 1. Raises SigningError; nothing is written anywhere."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.general import SigningError as HankoSigningError

    credential = credential or credential_for(tenant)
    if not pdf or b"%PDF-" not in pdf[:1024]:
        raise SigningError(_("Tệp không phải là PDF."))
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except (PdfError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise SigningError(_("Tệp PDF bị hỏng, không đọc được.")) from exc
    if writer.prev.encrypted:
        raise SigningError(_("Tệp PDF được mã hóa, không thể ký."))
    existing = len(writer.prev.embedded_signatures)
    field_name = f"{FIELD_PREFIX}{existing + 1}"
    timestamper = None
    if credential.timestamp_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(credential.timestamp_url, timeout=20)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason[:200],
        location=location[:200] or None,
    )
    # The token session (if any) is open only for the signature itself.
    with open_signer(credential) as signer:
        pdf_signer = signers.PdfSigner(
            meta,
            signer,
            timestamper=timestamper,
            stamp_style=_stamp_style(tenant, stamp_lines),
            new_field_spec=fields.SigFieldSpec(field_name, on_page=0, box=_stamp_box(writer)),
        )
        try:
            output = outside_event_loop(pdf_signer.sign_pdf, writer)
        except (HankoSigningError, PdfError, ValueError, KeyError, IndexError, TypeError) as exc:
            logger.warning("signing failed for tenant %s", tenant.pk, exc_info=True)
            raise SigningError(_("Không ký được tệp PDF: %(error)s") % {"error": exc}) from exc
        except _token_errors() as exc:  # e.g. the token pulled out mid-signature
            logger.warning("token failed for tenant %s", tenant.pk, exc_info=True)
            error = str(exc) or type(exc).__name__  # python-pkcs11 errors are often bare
            raise SigningError(_("Lỗi thiết bị ký số: %(error)s") % {"error": error}) from exc
        except OSError as exc:  # the TSA did not answer
            raise SigningError(_("Không kết nối được máy chủ cấp dấu thời gian.")) from exc
        cert = signer.signing_cert
    data = output.getvalue()
    return SignedResult(
        data=data,
        subject=cert.subject.human_friendly,
        serial=format(cert.serial_number, "X"),
        signed_at=timezone.now(),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _token_errors() -> tuple[type[Exception], ...]:
    try:
        from pkcs11 import PKCS11Error
    except ImportError:  # pyHanko installed without [pkcs11]
        return ()
    return (PKCS11Error,)


# --- signing a document --------------------------------------------------------------------
def check_signable(document: Document) -> None:
    if document.signed_file:
        raise SigningError(_("Văn bản đã được ký số; không ký lại."))
    if not document.file or not document.file.name.lower().endswith(".pdf"):
        raise SigningError(_("Chỉ ký được văn bản có tệp PDF."))


def request_signing(document: Document, *, by: User) -> None:
    """An approver asks for the signature; the work runs in a Celery task."""
    from . import tasks

    if not has_role(by, document.tenant_id, PUBLISHING_ROLES):
        raise SigningError(_("Chỉ người duyệt của đơn vị mới được ký số văn bản."))
    check_signable(document)
    credential_for(document.tenant)
    Document.objects.filter(pk=document.pk).update(
        signing_state=SigningState.QUEUED, signing_error=""
    )
    outbox.enqueue_on_commit(tasks.sign_document, document.pk)


def _stamp_lines(document: Document) -> list[str]:
    lines = [_("Số: %(number)s") % {"number": document.number}]
    if document.signer_name:
        person = ", ".join(filter(None, [document.signer_name, document.signer_title]))
        lines.insert(0, _("Người ký: %(person)s") % {"person": person})
    return lines


def sign_document(document_id: int) -> Document:
    """Sign the document's PDF once. On failure only the state and the error change."""
    try:
        with transaction.atomic():
            document = (
                Document.objects.select_for_update(of=("self",))
                .select_related("tenant", "doc_type")
                .get(pk=document_id)
            )
            if document.signed_file:
                return document  # safe to run twice
            check_signable(document)
            with document.file.open("rb") as handle:
                original = handle.read()
            result = sign_pdf_bytes(
                original,
                document.tenant,
                reason=_("Ban hành văn bản %(number)s") % {"number": document.number},
                location=str(document.tenant.name),
                stamp_lines=_stamp_lines(document),
            )
            stem = Path(document.file.name).stem
            document.signed_file.save(f"{stem}-signed.pdf", ContentFile(result.data), save=False)
            try:
                Document.objects.filter(pk=document.pk).update(
                    signed_file=document.signed_file.name,
                    signing_state=SigningState.SIGNED,
                    signing_error="",
                    signature_subject=result.subject[:500],
                    signature_serial=result.serial[:80],
                    signed_at=result.signed_at,
                    signed_sha256=result.sha256,
                    updated_at=timezone.now(),  # cached list rows key on it (the badge)
                )
            except Exception:
                document.signed_file.storage.delete(document.signed_file.name)
                raise
    except SigningError as error:
        Document.objects.filter(pk=document_id).update(
            signing_state=SigningState.FAILED, signing_error=str(error)
        )
        raise
    return Document.objects.get(pk=document_id)
