from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations import backup, backup_crypto


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty database and empty media folders after "
        "checking it whole (checksums, completeness, schema not newer); --force overwrites."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="overwrite a non-empty target")
        parser.add_argument("--database-url", default="", help="default: DATABASE_URL")
        parser.add_argument("--media-root", default="", help="default: MEDIA_ROOT")
        parser.add_argument("--private-root", default="", help="default: PRIVATE_MEDIA_ROOT")
        parser.add_argument("--check", action="store_true", help="only verify the archive")
        parser.add_argument(
            "--key-file",
            default="",
            help="decrypt with the passphrase in this file (default: BACKUP_ENCRYPTION_KEY_FILE, "
            "else BACKUP_ENCRYPTION_KEY)",
        )

    def handle(self, *args, archive: str, **options) -> None:
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No such archive: {path}")
        target = backup.Target.from_settings(options["database_url"])
        if options["media_root"]:
            target.media_root = Path(options["media_root"])
        if options["private_root"]:
            target.private_root = Path(options["private_root"])
        try:
            key = backup_crypto.read_key_file(options["key_file"]) if options["key_file"] else None
            if options["check"]:
                manifest = backup.verify(path, key)
                self.stdout.write(f"{path}: intact, {len(manifest['members'])} members")
                return
            result = backup.restore(path, target, force=options["force"], key=key)
        except (backup.BackupError, backup_crypto.CryptoError) as error:
            raise CommandError(str(error)) from error
        rows = sum(result.manifest["counts"].values())
        self.stdout.write(
            f"restored {path} into {target.database.get('dbname')}: {rows} rows and "
            f"{len(result.manifest['members']) - 1} files match the manifest "
            f"({result.seconds:.1f} s)"
        )
