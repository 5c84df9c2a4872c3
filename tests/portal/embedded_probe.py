"""Run by tests/portal/test_embedded_db.py in a subprocess with DATABASE_URL pointing at a
fresh embedded server: migrate every app, index one item, search the site without
diacritics through the real view, print what the page says as JSON."""

import json
import os
import re
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from search.indexing import _row, store_rows
    from search.registry import IndexEntry
    from tests.tenants.factories import TenantFactory

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.monotonic() - started
    site = TenantFactory(hostname="xa.embedded.test")
    store_rows(
        [
            _row(
                "content.article",
                str(n),
                "article",
                IndexEntry(site.pk, "vi", title, "Lấy ý kiến nhân dân.", f"/tin/{n}/", None),
            )
            for n, title in enumerate(["Quy hoạch sử dụng đất đến năm 2030", "Lịch tiếp dân"])
        ]
    )
    html = Client(HTTP_HOST="xa.embedded.test").get("/tim-kiem/", {"q": "quy hoach"})
    page = html.content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    found = re.search(r"\d+ kết quả[^<]*", page)
    print(
        json.dumps(
            {
                "status": html.status_code,
                "server_version": version,
                "count_line": found.group(0).strip() if found else "",
                "has_title": "sử dụng đất" in re.sub(r"</?mark>", "", page),
                "migrate_seconds": round(migrated, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
