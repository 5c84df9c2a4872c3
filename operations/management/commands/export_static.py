from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations import static_export


class Command(BaseCommand):
    help = (
        "Write each site's essential pages (home, contacts, hotlines, procedures, documents, "
        "news, downtime notices) as static HTML into --dir (default STATIC_FALLBACK_DIR), "
        "served by nginx when the application is down."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dir", default="")
        parser.add_argument("--site", action="append", default=[], help="slug; repeatable")

    def handle(self, *args, dir: str, site: list[str], **options) -> None:
        root = Path(dir or settings.STATIC_FALLBACK_DIR or "")
        if not str(root) or str(root) == ".":
            raise CommandError("Set STATIC_FALLBACK_DIR or give --dir.")
        results = static_export.export_all(root, site or None)
        for result in results:
            line = f"{result.hostname}: {result.pages} pages"
            if result.failed:
                line += f"; not written: {', '.join(result.failed[:5])}"
            self.stdout.write(line)
        self.stdout.write(f"{len(results)} site(s) into {root}")
