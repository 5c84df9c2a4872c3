"""The load-test data set of docs/performance.md: many communes, each with bulk articles.

Run after `seed_demo`. Idempotent for the sites (an existing slug is reused); articles
are added on every run, so run it once per database.
"""

from __future__ import annotations

import io
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from tenants.bulk_sites import add_communes
from tenants.models import Domain, Tenant, TenantKind


class Command(BaseCommand):
    help = "Create N extra commune sites under the province, each with bulk articles."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--communes", type=int, default=170)
        parser.add_argument("--articles", type=int, default=76, help="articles per commune")
        parser.add_argument("--prefix", default="xatai")
        parser.add_argument(
            "--bulk-sites",
            type=int,
            default=0,
            metavar="N",
            help="also append N sites in bulk, no articles (a national installation: 4000)",
        )

    def handle(self, *args, communes: int, articles: int, prefix: str, **options) -> None:
        province = Tenant.objects.filter(parent__isnull=True).order_by("pk").first()
        if province is None:
            raise CommandError("No provincial site; run seed_demo first.")
        if options["bulk_sites"] > 0:
            started = time.monotonic()
            bulk_prefix = f"{prefix}qm"
            if Tenant.objects.filter(slug__startswith=bulk_prefix).exists():
                raise CommandError(f"Sites {bulk_prefix}… exist already; use another --prefix.")
            add_communes(province, options["bulk_sites"], bulk_prefix)
            self.stdout.write(
                f"{options['bulk_sites']} sites appended in {time.monotonic() - started:.1f} s"
            )
        if communes < 0 or articles < 0:
            raise CommandError("--communes and --articles must not be negative")
        started = time.monotonic()
        for n in range(1, communes + 1):
            slug = f"{prefix}{n:03d}"
            site = self._commune(province, slug, n)
            if articles:
                call_command("seed_bulk", articles=articles, tenant=site.slug, stdout=io.StringIO())
        if connection.vendor == "postgresql":  # fresh bulk rows mislead the planner
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"{communes} communes × {articles} articles in {time.monotonic() - started:.1f} s"
            )
        )

    @staticmethod
    @transaction.atomic
    def _commune(province: Tenant, slug: str, n: int) -> Tenant:
        site = Tenant.objects.filter(slug=slug).first()
        if site is None:
            site = Tenant.objects.create(
                parent=province,
                kind=TenantKind.COMMUNE,
                slug=slug,
                name=f"Xã Thử Tải {n:03d}",
                governing_body=f"Ủy ban nhân dân Xã Thử Tải {n:03d}",
                responsible_person="Người chịu trách nhiệm",
                order=1000 + n,
            )
        Domain.objects.get_or_create(
            hostname=f"{slug}.localhost", defaults={"tenant": site, "is_primary": True}
        )
        return site
