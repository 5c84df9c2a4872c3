"""The signer for a key kept on a PKCS#11 token (USB token, HSM), through pyHanko's
`pyhanko.sign.pkcs11`. Every failure becomes a `SigningError` in Vietnamese, and the
session is closed again whenever no usable signer comes out of it.

Imported lazily by `documents.signing`: without `pyHanko[pkcs11]` only this module fails."""

from __future__ import annotations

import asyncio
import logging
import secrets
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pkcs11
from asn1crypto import x509
from cryptography.exceptions import InvalidSignature
from django.utils.translation import gettext as _
from pkcs11 import Attribute, Mechanism, ObjectClass
from pkcs11 import exceptions as p11
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign.pkcs11 import PKCS11Signer, find_token, open_pkcs11_session
from pyhanko_certvalidator.sig_validate import DefaultSignatureValidator

from .signing import SigningError
from .sync import outside_event_loop

if TYPE_CHECKING:
    from .models import SigningCredential

logger = logging.getLogger(__name__)

# The PIN login belongs to the process, not to the session: a second session logging in
# while another is open fails (CKR_USER_ALREADY_LOGGED_IN), so one signature at a time
# per token and process. Celery's prefork workers are separate processes.
TOKEN_WAIT_SECONDS = 120
_locks: dict[tuple[str, str], threading.Lock] = {}
_locks_guard = threading.Lock()


class TokenSigner(PKCS11Signer):
    """A PKCS11Signer that owns its session and the token's lock until `close()`."""

    def __init__(self, session, lock: threading.Lock, **kwargs) -> None:
        super().__init__(session, **kwargs)
        self._lock: threading.Lock | None = lock

    def close(self) -> None:
        """Log out, close the session, free the token; safe to call twice."""
        lock, self._lock = self._lock, None
        if lock is None:
            return
        try:
            self.pkcs11_session.close()
        except pkcs11.PKCS11Error:
            logger.warning("closing the PKCS#11 session failed", exc_info=True)
        finally:
            lock.release()


def _token_lock(credential: SigningCredential) -> threading.Lock:
    key = (credential.pkcs11_module, credential.pkcs11_token_label)
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def _library(module: str):
    if not module or not Path(module).is_file():
        raise SigningError(
            _(
                "Không tìm thấy mô-đun PKCS#11 “%(path)s” trên máy chủ ký; "
                "kiểm tra phần mềm của thiết bị ký số đã được cài đặt."
            )
            % {"path": module}
        )
    try:
        return pkcs11.lib(module)
    except pkcs11.PKCS11Error as exc:
        raise SigningError(
            _("Không nạp được mô-đun PKCS#11 “%(path)s”: %(error)s")
            % {"path": module, "error": exc}
        ) from exc


def _open_session(credential: SigningCredential, pin: str):
    library = _library(credential.pkcs11_module)
    criteria = TokenCriteria(label=credential.pkcs11_token_label)
    try:
        # Looked up first so that "no such token" and "wrong PIN" read differently.
        token = find_token(library.get_slots(token_present=True), token_criteria=criteria)
    except pkcs11.PKCS11Error:
        token = None
    if token is None:
        raise SigningError(
            _(
                "Không tìm thấy thiết bị ký số có nhãn “%(label)s”; kiểm tra thiết bị "
                "đã được cắm vào máy chủ ký."
            )
            % {"label": credential.pkcs11_token_label}
        )
    try:
        return open_pkcs11_session(credential.pkcs11_module, token_criteria=criteria, user_pin=pin)
    except (p11.PinIncorrect, p11.PinInvalid, p11.PinLenRange) as exc:
        raise SigningError(_("Mã PIN của thiết bị ký số không đúng.")) from exc
    except p11.PinLocked as exc:
        raise SigningError(
            _("Thiết bị ký số đã bị khóa do nhập sai mã PIN quá nhiều lần.")
        ) from exc
    except p11.PinExpired as exc:
        raise SigningError(_("Mã PIN của thiết bị ký số đã hết hạn, cần đổi mã PIN.")) from exc
    except pkcs11.PKCS11Error as exc:
        raise SigningError(
            _("Không mở được phiên làm việc với thiết bị ký số: %(error)s")
            % {"error": str(exc) or type(exc).__name__}
        ) from exc


def _require_one(session, object_class, label: str, *, missing: str, several: str):
    found = list(session.get_objects({Attribute.CLASS: object_class, Attribute.LABEL: label}))
    if not found:
        raise SigningError(missing % {"label": label})
    if len(found) > 1:
        raise SigningError(several % {"label": label})
    return found[0]


def _needs_raw_mechanism(session, key_algorithm: str) -> bool:
    """Many tokens (SoftHSM 2.6 among them) only sign a digest computed by the caller
    (CKM_ECDSA, CKM_RSA_PKCS), not SHA-256-and-sign in one step; pyHanko then hashes."""
    hashed, raw = {
        "ec": (Mechanism.ECDSA_SHA256, Mechanism.ECDSA),
        "rsa": (Mechanism.SHA256_RSA_PKCS, Mechanism.RSA_PKCS),
    }.get(key_algorithm, (None, None))
    if hashed is None:
        return False
    mechanisms = session.token.slot.get_mechanisms()
    return hashed not in mechanisms and raw in mechanisms


def _check_key_matches_certificate(signer, key_label: str, cert_label: str) -> None:
    """Sign a random challenge and check it with the certificate: a key and certificate
    that do not belong together would otherwise yield a PDF whose signature is broken."""
    challenge = secrets.token_bytes(32)
    mechanism = signer.get_signature_mechanism_for_digest("sha256")
    signature = outside_event_loop(lambda: asyncio.run(signer.async_sign_raw(challenge, "sha256")))
    try:
        DefaultSignatureValidator().validate_signature(
            signature, challenge, signer.signing_cert.public_key, mechanism
        )
    except (InvalidSignature, AssertionError, ValueError) as exc:
        raise SigningError(
            _("Khóa bí mật “%(key)s” không khớp với chứng thư số “%(cert)s” trên thiết bị ký số.")
            % {"key": key_label, "cert": cert_label}
        ) from exc


def _signer_on(session, lock, credential: SigningCredential) -> TokenSigner:
    key_label = credential.pkcs11_key_label
    cert_label = credential.pkcs11_cert_label or key_label
    _require_one(
        session,
        ObjectClass.PRIVATE_KEY,
        key_label,
        missing=_("Không tìm thấy khóa bí mật “%(label)s” trên thiết bị ký số."),
        several=_("Có nhiều khóa bí mật cùng nhãn “%(label)s” trên thiết bị ký số."),
    )
    cert_object = _require_one(
        session,
        ObjectClass.CERTIFICATE,
        cert_label,
        missing=_("Không tìm thấy chứng thư số “%(label)s” trên thiết bị ký số."),
        several=_("Có nhiều chứng thư số cùng nhãn “%(label)s” trên thiết bị ký số."),
    )
    cert = x509.Certificate.load(cert_object[Attribute.VALUE])
    # other_certs_to_pull=None: the CA chain stored on the token goes into the
    # signature, as the chain inside a PKCS#12 file does.
    signer = TokenSigner(
        session,
        lock,
        key_label=key_label,
        signing_cert=cert,
        other_certs_to_pull=None,
        use_raw_mechanism=_needs_raw_mechanism(session, cert.public_key.algorithm),
    )
    _check_key_matches_certificate(signer, key_label, cert_label)
    return signer


def load_pkcs11_signer(credential: SigningCredential, pin: str | None) -> TokenSigner:
    """Open the token, log in and find the key and its certificate. The caller releases
    session and token with `signer.close()` once it has signed."""
    if not pin:
        raise SigningError(
            _("Chưa có mã PIN của thiết bị ký số: biến môi trường “%(env)s” chưa được đặt.")
            % {"env": credential.passphrase_env or "—"}
        )
    lock = _token_lock(credential)
    if not lock.acquire(timeout=TOKEN_WAIT_SECONDS):
        raise SigningError(_("Thiết bị ký số đang bận với một lần ký khác; hãy thử lại sau."))
    session = None
    try:
        session = _open_session(credential, pin)
        return _signer_on(session, lock, credential)
    except Exception as exc:
        if session is not None:
            session.close()
        lock.release()
        if isinstance(exc, SigningError):
            raise
        if isinstance(exc, (pkcs11.PKCS11Error, ValueError)):
            logger.warning("PKCS#11 token %s unusable", credential.pkcs11_token_label)
            error = str(exc) or type(exc).__name__
            raise SigningError(_("Lỗi thiết bị ký số: %(error)s") % {"error": error}) from exc
        raise
