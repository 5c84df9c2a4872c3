"""Checking the signatures of any PDF against the configured trust roots.

Nothing given is stored: a result is cached under the file's SHA-256 (and the trust
roots in force), so a popular document is verified once."""

from __future__ import annotations

import hashlib
import io
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .sync import outside_event_loop

logger = logging.getLogger(__name__)

CACHE_SECONDS = 24 * 3600
MAX_VERIFY_BYTES = 20 * 1024 * 1024


def demo_ca_path() -> Path:
    """The demo CA written by seed_demo: outside media, never served."""
    return Path(settings.DOCUMENTS_SIGNING_DIR) / "demo-ca.pem"


def trust_root_paths() -> list[Path]:
    """PEM/DER files from DOCUMENTS_TRUST_ROOTS (setting or env, ':'-separated),
    plus the demo CA of seed_demo when it exists and DOCUMENTS_TRUST_DEMO_CA is not 0."""
    configured = settings.DOCUMENTS_TRUST_ROOTS
    if isinstance(configured, str):
        configured = [part for part in configured.split(os.pathsep) if part.strip()]
    paths = [Path(p) for p in configured]
    # The demo CA (written only by seed_demo) is trusted unless switched off; production
    # sets DOCUMENTS_TRUST_DEMO_CA=0 and lists the province's CA in DOCUMENTS_TRUST_ROOTS.
    if settings.DOCUMENTS_TRUST_DEMO_CA:
        paths.append(demo_ca_path())
    return paths


@lru_cache(maxsize=8)
def _load_roots(key: tuple[tuple[str, float], ...]) -> tuple:
    from asn1crypto import pem, x509

    roots = []
    for path, _mtime in key:
        data = Path(path).read_bytes()
        blocks = (
            [der for _t, _h, der in pem.unarmor(data, multiple=True)]
            if pem.detect(data)
            else [data]
        )
        roots.extend(x509.Certificate.load(der) for der in blocks)
    return tuple(roots)


def trust_roots() -> tuple:
    key = tuple((str(path), path.stat().st_mtime) for path in trust_root_paths() if path.is_file())
    return _load_roots(key)


def _roots_fingerprint(roots) -> str:
    return hashlib.sha256(b"".join(root.sha256 for root in roots)).hexdigest()[:16]


@dataclass
class SignatureReport:
    field_name: str
    intact: bool
    valid: bool
    trusted: bool
    modified: bool
    signer: str = ""
    issuer: str = ""
    serial: str = ""
    signing_time: datetime | None = None
    timestamp_time: datetime | None = None
    not_before: datetime | None = None
    not_after: datetime | None = None
    chain: list[str] = field(default_factory=list)
    coverage: str = ""
    error: str = ""

    @property
    def cert_valid_at_signing(self) -> bool:
        moment = self.timestamp_time or self.signing_time
        return bool(
            moment
            and self.not_before
            and self.not_after
            and self.not_before <= moment <= self.not_after
        )

    @property
    def cert_expired_now(self) -> bool:
        return bool(self.not_after and self.not_after < timezone.now())

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and not self.modified


@dataclass
class VerificationReport:
    sha256: str
    size: int
    signatures: list[SignatureReport] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.signatures) and all(s.ok for s in self.signatures)


def _name(cert) -> str:
    native = cert.subject.native
    return native.get("common_name") or cert.subject.human_friendly


def _report(embedded, roots) -> SignatureReport:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=list(roots), allow_fetching=False)
    status = validate_pdf_signature(embedded, context)
    cert = status.signing_cert
    validity = cert["tbs_certificate"]["validity"]
    chain: list[str] = []
    path = getattr(status, "validation_path", None)
    if path is not None:
        chain = [_name(c) for c in path.iter_certs(include_root=True)][::-1]
    entire = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    # Content added after the signature beyond form filling/signatures counts as modified.
    level = getattr(status, "modification_level", None)
    modified = not status.intact or (
        not entire and level is not None and level.value > 2  # >FORM_FILLING
    )
    timestamp = getattr(status, "timestamp_validity", None)
    return SignatureReport(
        field_name=embedded.field_name,
        intact=status.intact,
        valid=status.valid,
        trusted=status.trusted,
        modified=modified,
        signer=_name(cert),
        issuer=cert.issuer.native.get("common_name") or cert.issuer.human_friendly,
        serial=format(cert.serial_number, "X"),
        signing_time=status.signer_reported_dt,
        timestamp_time=timestamp.timestamp if timestamp is not None else None,
        not_before=validity["not_before"].native,
        not_after=validity["not_after"].native,
        chain=chain,
        coverage=_("Toàn bộ tệp") if entire else _("Một phần tệp (có nội dung thêm sau khi ký)"),
    )


def _verify(data: bytes, roots) -> VerificationReport:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    report = VerificationReport(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    if b"%PDF-" not in data[:1024]:
        report.error = _("Tệp không phải là PDF.")
        return report
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            report.error = _("Tệp PDF được mã hóa; không thể kiểm tra chữ ký.")
            return report
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        report.error = _("Tệp PDF bị hỏng, không đọc được.")
        return report
    for embedded in signatures:
        try:
            report.signatures.append(outside_event_loop(_report, embedded, roots))
        except Exception as exc:  # noqa: BLE001 - one broken signature must not hide the others
            logger.info("unverifiable signature %s: %s", embedded.field_name, exc)
            report.signatures.append(
                SignatureReport(
                    field_name=embedded.field_name,
                    intact=False,
                    valid=False,
                    trusted=False,
                    modified=True,
                    error=_("Chữ ký hỏng hoặc không đọc được."),
                )
            )
    return report


def _cache_key(digest: str, roots) -> str:
    # The report holds translated messages, so each language has its own entry.
    return f"documents:verify:{digest}:{_roots_fingerprint(roots)}:{get_language() or 'vi'}"


def verify_pdf_bytes(data: bytes) -> VerificationReport:
    """The signatures of `data`, cached by its hash and the trust roots in force."""
    roots = trust_roots()
    digest = hashlib.sha256(data).hexdigest()
    key = _cache_key(digest, roots)
    cached = cache.get(key)
    if cached is not None:
        return cached
    report = _verify(data, roots)
    cache.set(key, report, CACHE_SECONDS)
    return report


def verify_document(document) -> VerificationReport | None:
    """The badge of a document's public file, if it is a PDF (cached by its hash)."""
    if not document.is_pdf:
        return None
    digest = document.signed_sha256 if document.signed_file else document.file_sha256
    roots = trust_roots()
    if digest:
        cached = cache.get(_cache_key(digest, roots))
        if cached is not None:
            return cached
    try:
        with document.public_file.open("rb") as handle:
            data = handle.read(MAX_VERIFY_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_VERIFY_BYTES:
        return None
    return verify_pdf_bytes(data)
