"""Issue 22, in-process figures: each public page through Django's WSGI handler, warm
from the page cache, and rendered with the page cache off (the site's shell and the
page's fragments warm); an article nobody has asked for (each request a different one).

    PYTHONPATH=. DJANGO_SETTINGS_MODULE=portal.settings .venv/bin/python scripts/bench_pages.py [N]

Needs the `seed_load` data (docs/performance.md, Method) and Redis. Prints a markdown
table: milliseconds a request (wall and this process's CPU), queries, bytes, load average.
"""

from __future__ import annotations

import sys
import time
from io import BytesIO
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from content.models import Article  # noqa: E402
from tenants.models import Tenant  # noqa: E402

HOST = "localhost"


def call(handler: WSGIHandler, path: str) -> tuple[int, int]:
    target, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": target,
        "QUERY_STRING": query,
        "SERVER_NAME": HOST,
        "SERVER_PORT": "80",
        "HTTP_HOST": HOST,
        "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    status = []
    body = b"".join(handler(environ, lambda s, h, *a: status.append(s)))
    return int(status[0].split()[0]), len(body)


def measure(handler: WSGIHandler, paths: list[str]) -> tuple[float, float, int, int]:
    """Wall and CPU ms per request over `paths` (one request each), queries of the last."""
    wall, cpu = time.perf_counter(), time.process_time()
    for path in paths[:-1]:
        call(handler, path)
    with CaptureQueriesContext(connection) as queries:
        status, size = call(handler, paths[-1])
    assert status == 200, (paths[-1], status)
    n = len(paths)
    return (
        (time.perf_counter() - wall) * 1000 / n,
        (time.process_time() - cpu) * 1000 / n,
        len(queries.captured_queries),
        size,
    )


def main(n: int = 300) -> None:
    province = Tenant.objects.filter(parent__isnull=True).order_by("pk").first()
    bulk = Article.objects.filter(tenant=province, slug__startswith="tai-").order_by("-pk")
    pages = {
        "home": "/",
        "category p1": "/chuyen-muc/tin-tuc-su-kien/",
        "article": bulk.first().get_absolute_url(),
        "documents": "/van-ban/",
        "procedures": "/thu-tuc-hanh-chinh/",
        "RSS": "/rss/",
        "search (dấu), asked before": "/tim-kiem/?q=k%E1%BA%BF%20ho%E1%BA%A1ch",
    }
    handler = WSGIHandler()
    load = lambda: Path("/proc/loadavg").read_text().split()[0]  # noqa: E731
    print("| page | page cache | ms wall | ms CPU | queries | bytes | load avg |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for cache_seconds, label in ((300, "hit"), (0, "off (shell and fragments warm)")):
        settings.PAGE_CACHE_SECONDS = cache_seconds
        for name, path in pages.items():
            if cache_seconds and name.startswith("search"):
                continue  # never kept by the page cache
            for _ in range(5):
                call(handler, path)
            wall, cpu, queries, size = measure(handler, [path] * n)
            print(f"| {name} | {label} | {wall:.2f} | {cpu:.2f} | {queries} | {size} | {load()} |")
    settings.PAGE_CACHE_SECONDS = 0
    never_read = [a.get_absolute_url() for a in bulk[1000 : 1000 + min(n, 500)]]
    wall, cpu, queries, size = measure(handler, never_read)
    row = f"| article, never asked for | off | {wall:.2f} | {cpu:.2f} | {queries} | {size}"
    print(f"{row} | {load()} |")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
