"""With BACKUP_ENCRYPTION_KEY set, backups are written encrypted (AES-256-GCM in chunks)
and restore refuses a missing or wrong key, a tampered or a cut archive before it
touches the database or the media folders."""

import os
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command

from operations import backup, backup_crypto
from tests.operations.test_backup import _content, _count, _url

KEY = "cụm mật khẩu sao lưu của tỉnh Sơn Lâm"


def _tables(params: dict) -> int:
    with psycopg.connect(**params) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_encrypted_backup_restores_with_the_key_only(
    roots, settings, province, commune, second_database
):
    settings.BACKUP_ENCRYPTION_KEY = KEY
    comment = _content(province, commune)
    call_command("backup", dir=str(roots / "backups"))
    (archive,) = (roots / "backups").glob("gp-backup-*")
    assert archive.name.endswith(".tar.enc") and not tarfile.is_tarfile(archive)
    assert b"%PDF-1.4 gop y" not in archive.read_bytes()

    damaged = archive.read_bytes()
    flipped = roots / "flipped.tar.enc"
    middle = len(damaged) // 2
    flipped.write_bytes(damaged[:middle] + bytes([damaged[middle] ^ 1]) + damaged[middle + 1 :])
    cut = roots / "cut.tar.enc"
    cut.write_bytes(damaged[: len(damaged) - 100])
    target = f"--database-url={_url(second_database)}"
    media = roots / "restored" / "media"
    cases = [
        ("", archive, "cần đặt backup_encryption_key"),
        ("một khóa khác", archive, "sai khóa giải mã"),
        (KEY, flipped, "đã bị thay đổi"),
        (KEY, cut, "cắt cụt"),
    ]
    for key, path, message in cases:
        settings.BACKUP_ENCRYPTION_KEY = key
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(path), target, f"--media-root={media}")
        assert message in str(refused.value).lower(), (path, key, refused.value)
        assert _tables(second_database) == 0  # untouched
        assert not media.exists()

    settings.BACKUP_ENCRYPTION_KEY = KEY
    call_command(
        "restore",
        str(archive),
        target,
        f"--media-root={media}",
        f"--private-root={roots / 'restored' / 'private'}",
    )
    assert _count(second_database, "content_article") == 6
    restored = roots / "restored" / "private" / comment.attachment.name
    assert restored.read_bytes() == b"%PDF-1.4 gop y"


def _frames(path: Path) -> tuple[bytes, list[bytes]]:
    data = path.read_bytes()
    header, rest, frames = data[: backup_crypto.HEADER.size], data[backup_crypto.HEADER.size :], []
    while rest:
        _flag, length = backup_crypto.FRAME.unpack(rest[: backup_crypto.FRAME.size])
        end = backup_crypto.FRAME.size + length
        frames.append(rest[:end])
        rest = rest[end:]
    return header, frames


def test_chunks_cannot_be_dropped_reordered_or_cut_at_a_chunk_boundary(tmp_path):
    plain = tmp_path / "archive.tar"
    plain.write_bytes(os.urandom(int(2.5 * backup_crypto.CHUNK)))
    sealed = tmp_path / "archive.tar.enc"
    backup_crypto.encrypt(plain, sealed, KEY)
    back = tmp_path / "back.tar"
    backup_crypto.decrypt(sealed, back, KEY)
    assert back.read_bytes() == plain.read_bytes()

    header, frames = _frames(sealed)
    assert len(frames) == 3
    variants = {
        "cắt cụt": header + frames[0] + frames[1],  # the last chunk dropped
        "thay đổi": header + frames[1] + frames[0] + frames[2],  # reordered
        "thay đổi ": header + frames[0] + frames[2],  # a middle chunk dropped
        "thay đổi  ": header + b"".join(frames) + frames[2],  # bytes after the end
    }
    for message, data in variants.items():
        sealed.write_bytes(data)
        with pytest.raises(backup_crypto.CryptoError, match=message.strip()):
            backup_crypto.decrypt(sealed, back, KEY)


@pytest.mark.django_db(transaction=True)
def test_the_key_can_come_from_a_file_instead_of_the_environment(
    roots, settings, province, commune, second_database
):
    settings.BACKUP_ENCRYPTION_KEY = ""
    settings.BACKUP_ENCRYPTION_KEY_FILE = ""
    _content(province, commune)
    key_file = roots / "backup.key"
    key_file.write_text(KEY + "\n", encoding="utf-8")  # as `echo … > file` writes it
    key_file.chmod(0o600)
    call_command("backup", dir=str(roots / "backups"), key_file=str(key_file))
    (archive,) = (roots / "backups").glob("gp-backup-*")
    assert archive.name.endswith(".tar.enc")
    backup_crypto.decrypt(archive, roots / "plain.tar", KEY)  # the line break is not the key

    target = f"--database-url={_url(second_database)}"
    media = (
        f"--media-root={roots / 'restored' / 'media'}",
        f"--private-root={roots / 'restored' / 'private'}",
    )
    wrong = roots / "wrong.key"
    wrong.write_text("một khóa khác\n", encoding="utf-8")
    empty = roots / "empty.key"
    empty.write_text("\n", encoding="utf-8")
    refusals = [
        ([], "cần đặt backup_encryption_key"),
        ([f"--key-file={wrong}"], "sai khóa giải mã"),
        ([f"--key-file={empty}"], "không chứa khóa"),
        ([f"--key-file={roots / 'missing.key'}"], "không đọc được tệp khóa"),
    ]
    for extra, message in refusals:
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(archive), target, *media, *extra)
        assert message in str(refused.value).lower(), (extra, refused.value)
        assert _tables(second_database) == 0

    call_command("restore", str(archive), "--check", f"--key-file={key_file}")
    call_command("restore", str(archive), target, *media, f"--key-file={key_file}")
    assert _count(second_database, "content_article") == 6

    # The nightly backup (no option) reads BACKUP_ENCRYPTION_KEY_FILE.
    settings.BACKUP_ENCRYPTION_KEY_FILE = str(key_file)
    for old in (roots / "backups").glob("gp-backup-*"):
        old.unlink()
    call_command("backup", dir=str(roots / "backups"))
    (nightly,) = (roots / "backups").glob("gp-backup-*")
    assert nightly.name.endswith(".tar.enc")
    assert backup.verify(nightly)["counts"]["content_article"] == 6
