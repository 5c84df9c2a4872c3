"""manage.py import_documents FILE --tenant SLUG [--dry-run] [--draft]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.importing import import_rows, read_rows
from tenants.models import Tenant


class Command(BaseCommand):
    help = "Import documents from a CSV/JSON export; idempotent by (issuer, number)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--tenant", required=True, help="slug of the site that publishes")
        parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
        parser.add_argument("--draft", action="store_true", help="create as drafts")

    def handle(self, *args, file: str, tenant: str, dry_run: bool, draft: bool, **options):
        site = Tenant.objects.filter(slug=tenant).first()
        if site is None:
            raise CommandError(f"No site with slug {tenant!r}.")
        path = Path(file)
        try:
            rows = read_rows(path.read_bytes(), path.name)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        report = import_rows(rows, site, dry_run=dry_run, publish=not draft)
        for error in report.errors[:50]:
            self.stderr.write(f"  skipped {error}")
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(f"{prefix}{report}")
