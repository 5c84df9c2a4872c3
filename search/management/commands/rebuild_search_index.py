import time

from django.core.management.base import BaseCommand

from search.rebuild import rebuild
from search.sources import all_sources


class Command(BaseCommand):
    help = "Rebuild the search index of every registered source, in bulk, with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", help="Only these kinds (repeatable).")
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, kind=None, batch_size=1000, **options):
        sources = [s for s in all_sources() if not kind or s.kind in kind]
        if not sources:
            self.stdout.write("No search source is registered (no <app>/search_index.py).")
        started = time.monotonic()

        def progress(name: str, done: int, total: int) -> None:
            width = 30
            filled = width * done // total if total else width
            percent = 100 * done // total if total else 100
            bar = "#" * filled + "-" * (width - filled)
            self.stdout.write(f"\r{name:<12} [{bar}] {percent:3d}% {done}/{total}", ending="")
            if done >= total:
                self.stdout.write("")
            self.stdout.flush()

        stored = rebuild(sources, batch_size=batch_size, progress=progress)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{stored} index rows in {elapsed:.1f} s."))
