"""Backups: one dated tar archive holding a PostgreSQL dump (`pg_dump -Fc`), the public
media and the private media, with a manifest (versions, applied migrations, row counts
per table, size and SHA-256 of every member). Restore checks the whole archive before it
touches anything, restores into an empty database, then compares the counts.

The dump and the counts are read in one snapshot (pg_export_snapshot), so the manifest
describes exactly the rows in the dump even while citizens keep writing. With
BACKUP_ENCRYPTION_KEY set, the archive is written encrypted (`.tar.enc`,
operations/backup_crypto.py); restore decrypts and authenticates it whole first."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import django
import psycopg
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg import sql

from . import backup_crypto

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "db.dump"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Said to the operator as is: what is wrong and that nothing was changed."""


@dataclass
class Target:
    """Where a restore goes: a database (libpq keywords) and the two media roots."""

    database: dict[str, str]
    media_root: Path
    private_root: Path

    @classmethod
    def from_settings(cls, database_url: str = "") -> Target:
        if database_url:
            import dj_database_url

            config = dj_database_url.parse(database_url)
        else:
            config = settings.DATABASES["default"]
        return cls(
            database=libpq_params(config),
            media_root=Path(settings.MEDIA_ROOT),
            private_root=Path(settings.PRIVATE_MEDIA_ROOT),
        )


@dataclass
class Result:
    path: Path
    manifest: dict = field(default_factory=dict)
    seconds: float = 0.0


def libpq_params(config: dict) -> dict[str, str]:
    params = {
        "dbname": config.get("NAME") or "",
        "user": config.get("USER") or "",
        "password": config.get("PASSWORD") or "",
        "host": config.get("HOST") or "",
        "port": str(config.get("PORT") or ""),
    }
    return {key: value for key, value in params.items() if value}


def _pg_env(params: dict[str, str]) -> dict[str, str]:
    names = {"dbname": "PGDATABASE", "user": "PGUSER", "password": "PGPASSWORD"}
    names |= {"host": "PGHOST", "port": "PGPORT"}
    return {**os.environ, **{names[key]: value for key, value in params.items()}}


def _pg_tool(name: str) -> str:
    folder = settings.PG_BIN_DIR
    found = str(Path(folder) / name) if folder else shutil.which(name)
    if not found:
        raise BackupError(_("Không tìm thấy %(tool)s (gói postgresql-client).") % {"tool": name})
    return found


def _run(command: list[str], params: dict[str, str]) -> None:
    # The command is ours (pg_dump/pg_restore and paths we made), never a user's string.
    done = subprocess.run(command, env=_pg_env(params), capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name}: {done.stderr.strip()[-2000:]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _tables() -> list[str]:
    """Every table of an installed model (m2m tables included) that exists."""
    existing = set(connection.introspection.table_names())
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(tables & existing)


def _count(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        # Table names come from the model registry, quoted.
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


def _applied_migrations(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _media_files(root: Path):
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def create(directory: Path, key: str | None = None) -> Result:
    """Write `gp-backup-<local time>.tar` into directory and return it with its manifest;
    encrypted (`.tar.enc`) with `key`, by default the settings' (configured_key)."""
    started = time.monotonic()
    try:
        key = backup_crypto.configured_key() if key is None else key
    except backup_crypto.CryptoError as error:
        raise BackupError(str(error)) from error
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    final = directory / f"gp-backup-{stamp}.tar"
    params = libpq_params(settings.DATABASES["default"])
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as work:
        dump = Path(work) / DUMP
        with transaction.atomic(), connection.cursor() as cursor:
            # One snapshot for pg_dump and for the counts.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            _run(
                [_pg_tool("pg_dump"), "-Fc", "--no-owner", "--no-acl"]
                + [f"--snapshot={snapshot}", "-f", str(dump)],
                params,
            )
            counts = _count(cursor, _tables())
            migrations = _applied_migrations(cursor)
        members = {DUMP: {"size": dump.stat().st_size, "sha256": _sha256(dump)}}
        partial = Path(work) / "archive.tar"
        with tarfile.open(partial, "w") as archive:
            archive.add(dump, arcname=DUMP)
            for prefix, root in (("media", settings.MEDIA_ROOT), ("private", _private())):
                for path in _media_files(Path(root)):
                    name = f"{prefix}/{path.relative_to(root).as_posix()}"
                    members[name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
                    archive.add(path, arcname=name, recursive=False)
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "django": django.get_version(),
                "postgresql": server_version,
                "migrations": migrations,
                "counts": counts,
                "members": members,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(time.time())
            archive.addfile(info, io.BytesIO(data))
        if key:
            final = final.with_name(final.name + backup_crypto.SUFFIX)
            sealed = Path(work) / "archive.tar.enc"
            backup_crypto.encrypt(partial, sealed, key)
            partial = sealed
        os.replace(partial, final)  # a half-written archive never carries the final name
    return Result(final, manifest, time.monotonic() - started)


def _private() -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT)


# --- restore ---------------------------------------------------------------------------
def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError, tarfile.TarError, OSError) as error:
        raise BackupError(_("Tệp sao lưu hỏng hoặc bị cắt cụt: thiếu bản kê.")) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Tệp sao lưu có định dạng không hỗ trợ."))
    return manifest


@contextmanager
def opened(path: Path, key: str | None = None) -> Iterator[Path]:
    """The plain archive: `path`, or, encrypted, its decryption into a temporary file —
    authenticated whole (wrong key, tampered or cut short: BackupError)."""
    if not backup_crypto.is_encrypted(path):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="gp-decrypt-") as work:
        plain = Path(work) / "archive.tar"
        try:
            key = backup_crypto.configured_key() if key is None else key
            backup_crypto.decrypt(path, plain, key)
        except backup_crypto.CryptoError as error:
            raise BackupError(str(error)) from error
        yield plain


def verify(path: Path, key: str | None = None) -> dict:
    """Every check that needs no target: readable, complete, checksums, schema not newer."""
    with opened(path, key) as plain:
        return _verify_plain(plain)


def _verify_plain(path: Path) -> dict:
    try:
        with tarfile.open(path, "r:") as archive:
            manifest = read_manifest(archive)
            seen = set()
            for member in archive.getmembers():
                if member.name == MANIFEST:
                    continue
                expected = manifest["members"].get(member.name)
                if expected is None or not member.isfile() or _unsafe(member.name):
                    raise BackupError(
                        _("Tệp sao lưu chứa mục lạ: %(name)s.") % {"name": member.name}
                    )
                digest = hashlib.sha256()
                handle = archive.extractfile(member)
                while block := handle.read(CHUNK):
                    digest.update(block)
                if digest.hexdigest() != expected["sha256"]:
                    raise BackupError(
                        _("Sai mã kiểm tra (SHA-256) của %(name)s: tệp sao lưu đã bị thay đổi.")
                        % {"name": member.name}
                    )
                seen.add(member.name)
    except (tarfile.TarError, EOFError, OSError) as error:
        message = _("Tệp sao lưu hỏng hoặc bị cắt cụt: %(error)s") % {"error": error}
        raise BackupError(message) from error
    missing = set(manifest["members"]) - seen
    if missing:
        raise BackupError(
            _("Tệp sao lưu bị cắt cụt: thiếu %(count)d mục.") % {"count": len(missing)}
        )
    newer = _unknown_migrations(manifest["migrations"])
    if newer:
        raise BackupError(
            _(
                "Tệp sao lưu thuộc phiên bản phần mềm mới hơn (lược đồ có %(names)s): "
                "cập nhật phần mềm trước khi khôi phục."
            )
            % {"names": ", ".join(newer[:5])}
        )
    return manifest


def _unsafe(name: str) -> bool:
    return name.startswith("/") or ".." in Path(name).parts


def _unknown_migrations(applied: dict[str, list[str]]) -> list[str]:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    installed = {config.label for config in apps.get_app_configs()}
    return [
        f"{app}.{name}"
        for app, names in sorted(applied.items())
        for name in names
        if (app, name) not in known and app in installed
    ]


def _database_tables(params: dict[str, str]) -> list[str]:
    with psycopg.connect(**params) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
    return [row[0] for row in rows]


def _non_empty(root: Path) -> bool:
    return root.is_dir() and any(root.iterdir())


def restore(path: Path, target: Target, *, force: bool = False, key: str | None = None) -> Result:
    """Restore an archive verified first (decrypted first if encrypted); refuse a
    non-empty target unless forced."""
    started = time.monotonic()
    with opened(path, key) as plain:
        manifest = _restore_plain(plain, target, force)
    return Result(path, manifest, time.monotonic() - started)


def _restore_plain(path: Path, target: Target, force: bool) -> dict:
    manifest = _verify_plain(path)
    if not force:
        if _database_tables(target.database):
            raise BackupError(
                _("Cơ sở dữ liệu %(name)s không trống: dùng --force để ghi đè.")
                % {"name": target.database.get("dbname", "")}
            )
        for root in (target.media_root, target.private_root):
            if _non_empty(root):
                raise BackupError(
                    _("Thư mục %(root)s không trống: dùng --force để ghi đè.") % {"root": root}
                )
    with (
        tempfile.TemporaryDirectory(prefix="gp-restore-") as work,
        tarfile.open(path, "r:") as archive,
    ):
        archive.extract(DUMP, work, filter="data")
        if force:
            with psycopg.connect(**target.database, autocommit=True) as conn:
                conn.execute("DROP SCHEMA public CASCADE")
                conn.execute("CREATE SCHEMA public")
        _run(
            [_pg_tool("pg_restore"), "--no-owner", "--no-acl", "--exit-on-error"]
            + ["-d", target.database.get("dbname", ""), str(Path(work) / DUMP)],
            target.database,
        )
        _restore_files(archive, {"media": target.media_root, "private": target.private_root})
    check_counts(manifest, target.database)
    return manifest


def _restore_files(archive: tarfile.TarFile, roots: dict[str, Path]) -> None:
    for member in archive.getmembers():
        prefix, _sep, rest = member.name.partition("/")
        if prefix in roots and rest:  # names were checked by verify(): no "..", no "/"
            destination = roots[prefix] / rest
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, destination.open("wb") as out:
                shutil.copyfileobj(source, out, CHUNK)


def check_counts(manifest: dict, params: dict[str, str]) -> None:
    found = {}
    with psycopg.connect(**params) as conn:
        for table in manifest["counts"]:
            query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            found[table] = conn.execute(query).fetchone()[0]
    wrong = [table for table, count in manifest["counts"].items() if found[table] != count]
    if wrong:
        raise BackupError(
            _("Số bản ghi sau khôi phục khác bản kê: %(tables)s.")
            % {"tables": ", ".join(wrong[:5])}
        )


# --- retention ---------------------------------------------------------------------------
def prune(directory: Path, keep_daily: int, keep_monthly: int) -> list[Path]:
    """Keep the newest archive of each of the last keep_daily days and of each of the last
    keep_monthly months; delete the others. Returns what was deleted."""
    archives = [*directory.glob("gp-backup-*.tar"), *directory.glob("gp-backup-*.tar.enc")]
    archives.sort(key=lambda archive: archive.name, reverse=True)  # newest first
    keep: set[Path] = set()
    days: dict[str, Path] = {}
    months: dict[str, Path] = {}
    for archive in archives:
        stamp = archive.name.removeprefix("gp-backup-")
        days.setdefault(stamp[:8], archive)
        months.setdefault(stamp[:6], archive)
    keep |= set(list(days.values())[:keep_daily])
    keep |= set(list(months.values())[:keep_monthly])
    removed = [archive for archive in archives if archive not in keep]
    for archive in removed:
        archive.unlink()
    return removed
