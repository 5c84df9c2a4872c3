"""Optional encryption of backup archives (BACKUP_ENCRYPTION_KEY), streamed in chunks.

Format (all integers big-endian):

    header  = MAGIC (8) | salt (16) | nonce prefix (8) | key check (32)
    chunk   = flag (1: 0 more, 1 last) | length (4) | AES-256-GCM ciphertext + tag

The key is scrypt(passphrase, salt). Chunk i is sealed with nonce = prefix | i (4) and
the header and its flag as associated data, so a changed byte, a dropped, reordered or
repeated chunk, a chunk flagged last too early or an archive cut short all fail, and
a wrong passphrase is told apart by the key check (HMAC-SHA256 of the header's salt
under the key). Decryption checks the whole file before the restore touches anything.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings
from django.utils.translation import gettext as _

MAGIC = b"GPBAKE1\n"
HEADER = struct.Struct(">8s16s8s32s")
FRAME = struct.Struct(">BI")
CHUNK = 1024 * 1024
SUFFIX = ".enc"


class CryptoError(Exception):
    """Said to the operator: the archive cannot be opened, nothing was changed."""


def read_key_file(path: Path | str) -> str:
    """The passphrase held in a file, without its final line break."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CryptoError(
            _("Không đọc được tệp khóa %(path)s: %(error)s") % {"path": path, "error": error}
        ) from error
    passphrase = text.rstrip("\r\n")
    if not passphrase.strip():
        raise CryptoError(_("Tệp khóa %(path)s không chứa khóa nào.") % {"path": path})
    return passphrase


def configured_key() -> str:
    """The passphrase of the settings: BACKUP_ENCRYPTION_KEY_FILE's content, else
    BACKUP_ENCRYPTION_KEY ('' for none)."""
    if settings.BACKUP_ENCRYPTION_KEY_FILE:
        return read_key_file(settings.BACKUP_ENCRYPTION_KEY_FILE)
    return settings.BACKUP_ENCRYPTION_KEY


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


def _check(key: bytes, salt: bytes) -> bytes:
    return hmac.new(key, b"gp-backup key check" + salt, hashlib.sha256).digest()


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def encrypt(source: Path, target: Path, passphrase: str) -> None:
    salt, prefix = os.urandom(16), os.urandom(8)
    key = _key(passphrase, salt)
    header = HEADER.pack(MAGIC, salt, prefix, _check(key, salt))
    aead = AESGCM(key)
    with source.open("rb") as plain, target.open("wb") as out:
        out.write(header)
        index = 0
        block = plain.read(CHUNK)
        while True:
            following = plain.read(CHUNK)
            flag = 0 if following else 1
            nonce = prefix + struct.pack(">I", index)
            sealed = aead.encrypt(nonce, block, header + bytes([flag]))
            out.write(FRAME.pack(flag, len(sealed)) + sealed)
            if flag:
                break
            block, index = following, index + 1


def decrypt(source: Path, target: Path, passphrase: str) -> None:
    """Write the plain archive to `target`; CryptoError on a wrong key or any damage."""
    if not passphrase:
        raise CryptoError(_("Tệp sao lưu được mã hóa: cần đặt BACKUP_ENCRYPTION_KEY để khôi phục."))
    damaged = _("Tệp sao lưu mã hóa đã bị thay đổi hoặc hỏng (xác thực AES-GCM thất bại).")
    with source.open("rb") as handle, target.open("wb") as out:
        header = handle.read(HEADER.size)
        if len(header) < HEADER.size:
            raise CryptoError(_("Tệp sao lưu mã hóa bị cắt cụt."))
        magic, salt, prefix, check = HEADER.unpack(header)
        if magic != MAGIC:
            raise CryptoError(_("Không phải tệp sao lưu mã hóa."))
        key = _key(passphrase, salt)
        if not hmac.compare_digest(check, _check(key, salt)):
            raise CryptoError(_("Sai khóa giải mã (BACKUP_ENCRYPTION_KEY) của tệp sao lưu."))
        aead = AESGCM(key)
        index = 0
        while True:
            frame = handle.read(FRAME.size)
            if len(frame) < FRAME.size:
                raise CryptoError(_("Tệp sao lưu mã hóa bị cắt cụt."))
            flag, length = FRAME.unpack(frame)
            if flag > 1 or length > CHUNK + 16:
                raise CryptoError(damaged)
            sealed = handle.read(length)
            if len(sealed) < length:
                raise CryptoError(_("Tệp sao lưu mã hóa bị cắt cụt."))
            nonce = prefix + struct.pack(">I", index)
            try:
                out.write(aead.decrypt(nonce, sealed, header + bytes([flag])))
            except InvalidTag as error:
                raise CryptoError(damaged) from error
            if flag:
                break
            index += 1
        if handle.read(1):
            raise CryptoError(damaged)  # bytes after the last chunk
