from django.conf import settings
from django.core.management.base import BaseCommand

from operations import retention


class Command(BaseCommand):
    help = (
        "Anonymise citizens' personal data older than its retention period "
        "(PERSONAL_DATA_RETENTION_DAYS); --dry-run only counts."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool, **options) -> None:
        done = retention.purge(dry_run=dry_run)
        for kind in retention.KINDS:
            days = settings.PERSONAL_DATA_RETENTION_DAYS[kind.key]
            self.stdout.write(f"{kind.key}: {done[kind.key]} (older than {days} days)")
        if dry_run:
            self.stdout.write("dry run: nothing changed")
