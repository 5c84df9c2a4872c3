"""Backup and restore: one checksummed archive, restored into a second database on the
same server (created here, dropped after) with the same rows and files; a damaged, cut
or newer archive and a non-empty target are refused before anything changes."""

import io
import json
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from operations import backup
from operations.models import BackupRecord
from tests.content.factories import ArticleFactory
from tests.documents.factories import CommentFactory


def _url(params: dict) -> str:
    user, port = params.get("user", "postgres"), params.get("port", 5432)
    return f"postgres://{user}@{params['host']}:{port}/{params['dbname']}"


def _count(params: dict, table: str) -> int:
    with psycopg.connect(**params) as conn:
        return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


def _content(province, commune):
    for tenant in (province, commune):
        ArticleFactory.create_batch(3, tenant=tenant)
    comment = CommentFactory(consultation__tenant=commune)
    comment.attachment.save("gop-y.pdf", ContentFile(b"%PDF-1.4 gop y"), save=True)
    default_storage.save("t/1/images/logo.png", ContentFile(b"\x89PNG public image"))
    return comment


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_second_database(
    roots, province, commune, second_database, capsys
):
    comment = _content(province, commune)
    call_command("backup", dir=str(roots / "backups"))
    archive = next((roots / "backups").glob("gp-backup-*.tar"))
    record = BackupRecord.objects.get()
    assert record.ok and record.path == str(archive) and record.files == 2

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["counts"]["content_article"] == 6
    assert manifest["counts"]["documents_comment"] == 1
    assert set(manifest["members"]) == {
        "db.dump",
        f"media/{'t/1/images/logo.png'}",
        f"private/{comment.attachment.name}",
    }

    restored = roots / "restored"
    call_command(
        "restore",
        str(archive),
        database_url=_url(second_database),
        media_root=str(restored / "media"),
        private_root=str(restored / "private"),
    )
    assert "match the manifest" in capsys.readouterr().out
    for table in ("content_article", "tenants_tenant", "documents_comment", "tenants_domain"):
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            assert _count(second_database, table) == cursor.fetchone()[0], table
    assert (restored / "private" / comment.attachment.name).read_bytes() == b"%PDF-1.4 gop y"
    assert (restored / "media/t/1/images/logo.png").read_bytes() == b"\x89PNG public image"

    # A second restore into the same, now non-empty, database is refused...
    with pytest.raises(CommandError, match="không trống"):
        call_command("restore", str(archive), database_url=_url(second_database))
    # ...unless forced.
    call_command(
        "restore",
        str(archive),
        database_url=_url(second_database),
        media_root=str(restored / "media"),
        private_root=str(restored / "private"),
        force=True,
    )
    assert _count(second_database, "content_article") == 6


def _rewrite(archive: Path, target: Path, *, manifest=None, member=None, cut=None) -> Path:
    """A copy of archive with its manifest changed, one member's bytes changed, or cut."""
    if cut is not None:
        target.write_bytes(archive.read_bytes()[:cut])
        return target
    with tarfile.open(archive) as source, tarfile.open(target, "w") as out:
        for info in source.getmembers():
            data = source.extractfile(info).read()
            if info.name == "manifest.json" and manifest:
                data = json.dumps(manifest(json.loads(data))).encode()
            if info.name == member:
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            info.size = len(data)
            out.addfile(info, io.BytesIO(data))
    return target


@pytest.mark.django_db(transaction=True)
def test_damaged_cut_or_newer_archives_are_refused_before_anything_changes(
    roots, province, commune, second_database
):
    _content(province, commune)
    result = backup.create(roots / "backups")

    def add_newer(manifest):
        manifest["migrations"]["documents"].append("9999_from_the_future")
        return manifest

    cases = {
        "sai mã kiểm tra": _rewrite(result.path, roots / "flipped.tar", member="db.dump"),
        "bị cắt cụt": _rewrite(result.path, roots / "cut.tar", cut=result.path.stat().st_size // 2),
        "phiên bản phần mềm mới hơn": _rewrite(
            result.path, roots / "newer.tar", manifest=add_newer
        ),
    }
    target = f"--database-url={_url(second_database)}"
    for message, archive in cases.items():
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(archive), target, f"--media-root={roots / 'm2'}")
        assert message in str(refused.value).lower(), (archive, refused.value)
        with psycopg.connect(**second_database) as conn:
            tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname='public'")
            assert tables.fetchone()[0] == 0  # untouched
        assert not (roots / "m2").exists()


def test_retention_keeps_the_last_days_and_months(tmp_path):
    names = [
        "20261204-013000", "20261204-120000", "20261203-013000", "20261202-013000",
        "20261130-013000", "20261031-013000", "20260930-013000",
    ]  # fmt: skip
    for name in names:
        (tmp_path / f"gp-backup-{name}.tar").write_bytes(b"x")
    removed = backup.prune(tmp_path, keep_daily=2, keep_monthly=3)
    left = sorted(p.stem.removeprefix("gp-backup-") for p in tmp_path.glob("*.tar"))
    # Newest of 4 Dec and of 3 Dec (daily), newest of Dec, Nov, Oct (monthly).
    assert left == ["20261031-013000", "20261130-013000", "20261203-013000", "20261204-120000"]
    assert len(removed) == 3


def test_dashboard_warns_when_the_last_backup_is_too_old(client, superuser, settings, province):
    from datetime import timedelta

    from django.utils import timezone

    settings.BACKUP_DIR = "/var/backups/portal"
    client.force_login(superuser)
    home = reverse("admin:index")
    page = client.get(home, HTTP_HOST="portal.test").content.decode()
    assert "Chưa có bản sao lưu thành công nào" in page
    record = BackupRecord.objects.create(path="a.tar")
    page = client.get(home, HTTP_HOST="portal.test").content.decode()
    assert "bản sao lưu thành công" not in page.lower()
    BackupRecord.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - timedelta(hours=27)
    )
    page = client.get(home, HTTP_HOST="portal.test").content.decode()
    assert "đã quá 26 giờ" in page
