"""Search benchmark on a scratch database (not a test): fill, then time query classes.

    manage.py bench_search            # uses <DB name>_bench, creating and migrating it
    manage.py bench_search --refill   # regenerate the data

Prints p50/p95/p99 in milliseconds per query class and scope (province vs commune).
"""

from __future__ import annotations

import random
import statistics
import time

import psycopg
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from search import bench_data, engine
from search.indexing import _row as make_row
from search.indexing import store_rows
from search.models import SearchEntry, SearchTerm
from search.query import parse
from tenants.models import Tenant, TenantKind
from tenants.text import fold_vietnamese

QUERIES: dict[str, list[str]] = {
    "common, no diacritics": ["quy hoach su dung dat", "ke hoach", "uy ban nhan dan xa"],
    "common, diacritics": ["quy hoạch sử dụng đất", "kế hoạch", "ủy ban nhân dân xã"],
    "rare, no diacritics": ["sau rieng", "che shan tuyet", "gom chu dau"],
    "rare, diacritics": ["sầu riêng", "chè shan tuyết", "gốm Chu Đậu"],
    "phrase": ['"dang ky kinh doanh"', '"phòng cháy chữa cháy"'],
    "document number": [],  # filled with numbers that exist, typed in three ways
    "no result (+did-you-mean)": ["quy hoach su dung datt", "xyzzy khong co"],
}


class Command(BaseCommand):
    help = "Fill a scratch database with 115,000 index rows over 200 tenants; time queries."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--documents", type=int, default=10_000)
        parser.add_argument("--procedures", type=int, default=5_000)
        parser.add_argument("--tenants", type=int, default=200)
        parser.add_argument("--rounds", type=int, default=20)
        parser.add_argument("--refill", action="store_true")
        parser.add_argument("--database", help="scratch database name (default <name>_bench)")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark needs PostgreSQL (set DATABASE_URL).")
        self._use_scratch_database(options["database"], fresh=options["refill"])
        root = Tenant.objects.filter(slug="bench-province").first()
        if root is None:
            root = self._fill(options)
        elif not SearchEntry.objects.exists():
            raise CommandError("An earlier fill did not finish: run again with --refill.")
        self._run(root, options["rounds"])

    # --- scratch database ---------------------------------------------------------
    def _use_scratch_database(self, name: str | None, fresh: bool) -> None:
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
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists and fresh:
                admin.execute(f'DROP DATABASE "{name}"')  # only ever a *_bench database
            if fresh or not exists:
                admin.execute(f'CREATE DATABASE "{name}"')
        connection.close()
        settings["NAME"] = name
        self.stdout.write(f"Scratch database: {name}")
        call_command("migrate", verbosity=0)

    # --- data -----------------------------------------------------------------------
    def _tenants(self, count: int) -> tuple[Tenant, list[Tenant]]:
        SearchEntry.objects.all().delete()  # a partial earlier fill
        SearchTerm.objects.all().delete()
        province = Tenant.objects.create(
            slug="bench-province", kind=TenantKind.PROVINCE, name="Tỉnh Thử Tải"
        )
        tenants = [province]
        departments = max(1, count // 10)
        for n in range(1, count):
            is_department = n <= departments
            tenants.append(
                Tenant.objects.create(
                    parent=province,
                    slug=f"bench-{n}",
                    kind=TenantKind.DEPARTMENT if is_department else TenantKind.COMMUNE,
                    name=f"{'Sở' if is_department else 'Xã'} Thử Tải {n}",
                )
            )
        return province, tenants

    def _fill(self, options) -> Tenant:
        rng = random.Random(2026)  # noqa: S311 - reproducible text, not security
        started = time.monotonic()
        province, tenants = self._tenants(options["tenants"])
        # The province and departments publish more than a commune does.
        weights = [20 if t.kind != TenantKind.COMMUNE else 4 for t in tenants]
        plan = [
            ("article", bench_data.article, options["articles"]),
            ("document", bench_data.document, options["documents"]),
            ("procedure", bench_data.procedure, options["procedures"]),
        ]
        total = sum(count for _kind, _make, count in plan)
        done = 0
        for kind, make, count in plan:
            batch = []
            for n in range(count):
                tenant = rng.choices(tenants, weights)[0]
                entry = make(rng, tenant.pk, n)
                batch.append(make_row(f"bench.{kind}", str(n), kind, entry))
                if len(batch) == 2000 or n == count - 1:
                    with transaction.atomic():
                        store_rows(batch)
                    done += len(batch)
                    batch = []
                    rate = done / (time.monotonic() - started)
                    self.stdout.write(f"\rindexed {done}/{total} ({rate:.0f} rows/s)", ending="")
                    self.stdout.flush()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")
        elapsed = time.monotonic() - started
        self.stdout.write(f"\nFilled {total} rows in {elapsed:.0f} s ({total / elapsed:.0f}/s).")
        return province

    # --- timing ---------------------------------------------------------------------
    def _run(self, province: Tenant, rounds: int) -> None:
        communes = list(
            Tenant.objects.filter(tree_id=province.tree_id, kind=TenantKind.COMMUNE)[:50]
        )
        rng = random.Random(7)  # noqa: S311
        numbers = list(
            SearchEntry.objects.filter(kind="document")
            .order_by("id")
            .values_list("reference", flat=True)[:200:67]
        )
        QUERIES["document number"] = [
            numbers[0],
            fold_vietnamese(numbers[1]),
            fold_vietnamese(numbers[2]).lower(),
        ]
        rows = []
        for label, queries in QUERIES.items():
            for scope_name in ("province", "commune"):
                samples, hits = [], []
                for round_number in range(rounds + 1):
                    for text in queries:
                        if scope_name == "province":
                            scope = engine.Scope(province.tree_id)
                        else:
                            c = rng.choice(communes)
                            scope = engine.Scope(c.tree_id, (c.pk,))
                        started = time.perf_counter()
                        parsed = parse(text)
                        result = engine.search(parsed, scope, "vi", engine.Filters())
                        if not result.total and (fixed := engine.correction(parsed)):
                            engine.search(parse(fixed), scope, "vi", engine.Filters())
                        elapsed = (time.perf_counter() - started) * 1000
                        if round_number:  # round 0 warms the cache
                            samples.append(elapsed)
                            hits.append(result.total)
                rows.append((label, scope_name, samples, statistics.mean(hits)))
        self.stdout.write(
            f"\n{'query class':<28}{'scope':<10}{'n':>5}{'p50':>8}{'p95':>8}{'p99':>8}"
            f"{'hits':>8}  (ms; counted up to {engine.COUNT_CAP})"
        )
        worst = 0.0
        for label, scope_name, samples, hits in rows:
            p = statistics.quantiles(samples, n=100, method="inclusive")
            worst = max(worst, p[94])
            self.stdout.write(
                f"{label:<28}{scope_name:<10}{len(samples):>5}{p[49]:>8.1f}{p[94]:>8.1f}"
                f"{p[98]:>8.1f}{hits:>8.0f}"
            )
        rows_total = SearchEntry.objects.count()
        verdict = "met" if worst < 50 else "NOT met"
        self.stdout.write(
            f"\n{rows_total} rows. Worst p95 {worst:.1f} ms: goal p95 < 50 ms {verdict}."
        )
