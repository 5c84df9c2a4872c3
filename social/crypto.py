"""Channel credentials at rest: Fernet (AES-128-CBC + HMAC) from `cryptography`.

`SOCIAL_CREDENTIALS_KEYS` holds one or more Fernet keys, comma-separated: the first
encrypts, all decrypt (MultiFernet), so a key can be rotated without losing the stored
tokens (saving a channel again re-encrypts its token with the first key). With no key
set, one derived from SECRET_KEY is used so that development works; production sets
its own (the derived key keeps decrypting what was stored before).
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class CredentialError(Exception):
    """The stored credential cannot be read with the configured keys."""


def _fernet() -> MultiFernet:
    keys = [k.strip() for k in settings.SOCIAL_CREDENTIALS_KEYS.split(",") if k.strip()]
    # The key derived from SECRET_KEY comes last: it encrypts only when no key is set,
    # and still decrypts what was stored before the province set its own.
    digest = hashlib.sha256(b"social-credentials:" + settings.SECRET_KEY.encode()).digest()
    keys.append(base64.urlsafe_b64encode(digest).decode())
    return MultiFernet([Fernet(key.encode()) for key in keys])


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise CredentialError("credential unreadable with SOCIAL_CREDENTIALS_KEYS") from None
