from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations import backup, backup_crypto
from operations.models import BackupRecord


class Command(BaseCommand):
    help = (
        "Write one dated, checksummed archive (pg_dump -Fc, media, private media, manifest) "
        "into --dir (default BACKUP_DIR), then keep --keep-daily/--keep-monthly archives."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dir", default="", help="folder of the archives")
        parser.add_argument("--keep-daily", type=int, default=settings.BACKUP_KEEP_DAILY)
        parser.add_argument("--keep-monthly", type=int, default=settings.BACKUP_KEEP_MONTHLY)
        parser.add_argument(
            "--key-file",
            default="",
            help="encrypt with the passphrase in this file (default: BACKUP_ENCRYPTION_KEY_FILE, "
            "else BACKUP_ENCRYPTION_KEY)",
        )

    def handle(self, *args, dir: str, keep_daily: int, keep_monthly: int, **options) -> None:
        directory = Path(dir or settings.BACKUP_DIR or "")
        if not str(directory) or str(directory) == ".":
            raise CommandError("Set BACKUP_DIR or give --dir.")
        try:
            key = backup_crypto.read_key_file(options["key_file"]) if options["key_file"] else None
            result = backup.create(directory, key=key)
        except (backup.BackupError, backup_crypto.CryptoError) as error:
            BackupRecord.objects.create(ok=False, message=str(error)[:2000])
            raise CommandError(str(error)) from error
        BackupRecord.record(result)
        removed = backup.prune(directory, keep_daily, keep_monthly)
        rows = sum(result.manifest["counts"].values())
        self.stdout.write(
            f"{result.path} {result.path.stat().st_size} bytes, {rows} rows, "
            f"{len(result.manifest['members']) - 1} files, {result.seconds:.1f} s; "
            f"{len(removed)} old archive(s) removed"
        )
