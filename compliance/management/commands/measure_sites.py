"""Measure sites now (all, or the given slugs) and print their scores and the time taken."""

import time

from django.core.management.base import BaseCommand

from compliance.scoring import measure_site
from tenants.models import Tenant


class Command(BaseCommand):
    help = "Measure sites now (every active site, or the slugs given)."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*")

    def handle(self, *args, slugs, **options):
        sites = Tenant.objects.filter(is_active=True, is_archived=False).order_by("lft")
        if slugs:
            sites = sites.filter(slug__in=slugs)
        started = time.monotonic()
        for tenant in sites:
            run = measure_site(tenant)
            self.stdout.write(
                f"{tenant.slug:<20} a={run.score_a} b={run.score_b} c={run.score_c} "
                f"overall={run.score} ({run.duration_ms} ms) {run.error[:80]}"
            )
        self.stdout.write(f"{sites.count()} sites in {time.monotonic() - started:.1f} s")
