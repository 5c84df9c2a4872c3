"""Importer benchmark (not a test): N generated old-portal articles served on 127.0.0.1.

    DATABASE_URL=postgres://…/gp_x .venv/bin/python scripts/bench_importer.py [N]

Uses a scratch database <name>_bench (dropped and recreated), the 'cong-tinh' example
profile and the fixture server of tests/importer; prints the dry run, the import and a
second (resumed, nothing to do) run in items per second. See docs/importer.md.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


def scratch_database() -> None:
    settings = connection.settings_dict
    name = f"{settings['NAME']}_bench"
    with psycopg.connect(
        dbname="postgres",
        user=settings["USER"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')  # only ever a *_bench database
        admin.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    settings["NAME"] = name
    call_command("migrate", verbosity=0)
    print(f"Scratch database: {name}")


def main(count: int) -> None:
    scratch_database()
    from content.models import Article, Category, Image
    from importer import runs
    from importer.examples import load_example
    from importer.models import ImportRun
    from importer.pipeline import run
    from tenants.models import Domain, Tenant
    from tests.importer.server import FixtureServer

    site = Tenant.objects.create(slug="bench", name_vi="Xã Thử Tải", kind="commune")
    Domain.objects.create(tenant=site, hostname="bench.portal.test", is_primary=True)
    Category.objects.create(tenant=site, slug="tin-tuc", name_vi="Tin tức")
    with FixtureServer("oldsite", bench_pages=count) as server:
        profile = load_example("cong-tinh", site, server.url("/"), slug="bench")
        profile.sources = [{"url": "/bench/list-1.html", "category": "tin-tuc", "kind": "article"}]
        profile.delay_seconds = 0
        profile.save()
        for label, dry in (("dry run", True), ("import", False), ("second run", False)):
            started = time.monotonic()
            if dry:
                report = run(ImportRun(profile=profile, dry_run=True))
            else:
                run_obj = ImportRun.objects.create(tenant=site, profile=profile)
                report = runs.execute(run_obj.pk)
            seconds = time.monotonic() - started
            items = sum(report.found.values())
            print(
                f"{label}: {items} items in {seconds:.1f} s = {items / seconds:.1f} items/s "
                f"(created {report.created}, skipped {report.skipped}, failed {report.failed})"
            )
    print(f"articles {Article.objects.filter(tenant=site).count()}, images {Image.objects.count()}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
