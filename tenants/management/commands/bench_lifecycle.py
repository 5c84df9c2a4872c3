"""Lifecycle benchmark on a scratch database (not a test): merge two sites of 5,000
articles each, then resolve old URLs among 100,000 redirect rows.

    manage.py bench_lifecycle                 # uses <DB name>_bench, recreated each run
    manage.py bench_lifecycle --articles 5000 --redirects 100000 --clash 0.1
"""

from __future__ import annotations

import random
import statistics
import time

import psycopg
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.utils import timezone

from content.models import Article, Category
from portal.publishing import PublicationStatus
from tenants.lifecycle.merge import execute, merge_sites
from tenants.lifecycle.plan import plan_merge
from tenants.models import Domain, Tenant, TenantKind, UrlRedirect
from tenants.redirects import find_redirect


class Command(BaseCommand):
    help = "Time a merge of two big sites and redirect lookups among 100,000 rows."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--articles", type=int, default=5_000, help="per source site")
        parser.add_argument("--clash", type=float, default=0.1, help="share of clashing slugs")
        parser.add_argument("--redirects", type=int, default=100_000)
        parser.add_argument("--lookups", type=int, default=2_000)
        parser.add_argument("--database", help="scratch database name (default <name>_bench)")

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark needs PostgreSQL (set DATABASE_URL).")
        self._scratch(options["database"])
        self._merge(options["articles"], options["clash"])
        self._lookups(options["redirects"], options["lookups"])

    def _scratch(self, name: str | None) -> None:
        settings = connection.settings_dict
        name = name or f"{settings['NAME']}_bench"
        if not name.endswith("_bench"):
            raise CommandError("The scratch database's name must end in _bench.")
        admin = psycopg.connect(
            dbname="postgres",
            user=settings["USER"],
            password=settings["PASSWORD"] or None,
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            autocommit=True,
        )
        with admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')  # only ever a *_bench database
            admin.execute(f'CREATE DATABASE "{name}"')
        connection.close()
        settings["NAME"] = name
        self.stdout.write(f"Scratch database: {name}")
        call_command("migrate", verbosity=0)

    def _site(self, parent, slug: str, name: str) -> Tenant:
        site = Tenant.objects.create(parent=parent, slug=slug, name=name, kind=TenantKind.COMMUNE)
        Domain.objects.create(tenant=site, hostname=f"{slug}.bench.test", is_primary=True)
        return site

    def _merge(self, per_site: int, clash: float) -> None:
        province = Tenant.objects.create(slug="tinh", name="Tỉnh Thử Tải", kind="province")
        Domain.objects.create(tenant=province, hostname="tinh.bench.test", is_primary=True)
        sources = [self._site(province, f"xa{n}", f"Xã Thử Tải {n}") for n in (1, 2)]
        target = self._site(province, "xamoi", "Xã Mới")
        now = timezone.now()
        shared = int(per_site * clash)
        for n, site in enumerate(sources):
            category = Category.objects.create(tenant=site, name="Tin tức", slug="tin-tuc")
            Article.objects.bulk_create(
                [
                    Article(
                        tenant=site,
                        category=category,
                        title=f"Tin {i}",
                        title_vi=f"Tin {i}",
                        slug=f"tin-chung-{i}" if i < shared else f"tin-{n}-{i}",
                        body_vi="<p>Nội dung.</p>",
                        status=PublicationStatus.PUBLISHED,
                        published_at=now,
                    )
                    for i in range(per_site)
                ],
                batch_size=1000,
            )
        started = time.monotonic()
        plan = plan_merge(sources, target)
        planned = time.monotonic() - started
        operation = merge_sites(sources, target, plan=plan, run=False)
        started = time.monotonic()
        operation = execute(operation.pk)
        took = time.monotonic() - started
        self.stdout.write(
            f"merge: {2 * per_site} articles ({shared} clashing slugs): preview {planned:.1f} s,"
            f" merge {took:.1f} s, {operation.moved} items moved,"
            f" {operation.redirects} redirects; plan said {plan.total} items,"
            f" {plan.redirect_count} redirects"
        )

    def _lookups(self, rows: int, lookups: int) -> None:
        rng = random.Random(2026)  # noqa: S311 - reproducible sample, not security
        have = UrlRedirect.objects.count()
        UrlRedirect.objects.bulk_create(
            [
                UrlRedirect(
                    hostname=f"cu{i % 500}.bench.test",
                    path=f"/Pages/tin-tuc.aspx?ItemID={i}",
                    target_host="tinh.bench.test",
                    target_path=f"/tin-tuc/bai-{i}.html",
                    reason="import",
                )
                for i in range(max(0, rows - have))
            ],
            batch_size=5000,
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE tenants_urlredirect")
        total = UrlRedirect.objects.count()
        sample = [rng.randrange(rows - have) for _ in range(lookups)]
        times = []
        for i in sample:
            started = time.perf_counter()
            row = find_redirect(f"cu{i % 500}.bench.test", f"/Pages/tin-tuc.aspx?ItemID={i}")
            times.append((time.perf_counter() - started) * 1000)
            assert row is not None
        self._report(f"find_redirect among {total} rows", times)
        client = Client()
        times = []
        for i in sample[:500]:
            started = time.perf_counter()
            response = client.get(
                f"/Pages/tin-tuc.aspx?ItemID={i}", HTTP_HOST=f"cu{i % 500}.bench.test"
            )
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 301, response.status_code
        self._report("old URL on an unknown host → 301 (whole request)", times)

    def _report(self, label: str, times: list[float]) -> None:
        times.sort()
        self.stdout.write(
            f"{label}: median {statistics.median(times):.2f} ms,"
            f" p95 {times[int(len(times) * 0.95)]:.2f} ms ({len(times)} lookups)"
        )
