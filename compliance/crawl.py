"""A bounded crawl of one site's own pages to find broken internal links."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from .fetch import Fetched, fetch, site_origin

SKIP_PREFIXES = ("/admin/", "/media/", "/static/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            for name, value in attrs:
                if name == "href" and value:
                    self.links.append(value)


def links_in(html: str) -> list[str]:
    parser = _Links()
    # A broken page still gives the links read so far.
    with contextlib.suppress(Exception):
        parser.feed(html)
    return parser.links


@dataclass
class CrawlReport:
    pages: int = 0
    broken: list[dict] = field(default_factory=list)
    stopped_by: str = ""
    elapsed_ms: int = 0


def internal_path(href: str, page_url: str, hostname: str) -> str | None:
    """The path of a link to the same site, or None for other sites, mail, phone..."""
    absolute, _fragment = urldefrag(urljoin(page_url, href))
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.hostname != hostname:
        return None
    path = parts.path or "/"
    if path.startswith(SKIP_PREFIXES):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def crawl(
    hostname: str,
    start: str = "/",
    *,
    max_pages: int = 50,
    time_limit: float = 30.0,
    timeout: float = 5.0,
    fetcher: Callable[[str], Fetched] | None = None,
) -> CrawlReport:
    """Breadth-first over the site's own HTML pages, stopping at `max_pages` or `time_limit`.

    `fetcher(path)` fetches a page (default: `fetch`); a measurement passes its run's
    cache, so a page another check already fetched is not asked for again."""
    if fetcher is None:

        def fetcher(path: str) -> Fetched:
            return fetch(hostname, path, timeout=timeout)

    report = CrawlReport()
    started = time.monotonic()
    queue: list[tuple[str, str]] = [(start, "")]
    seen = {start}
    origin = site_origin(hostname)
    while queue:
        if report.pages >= max_pages:
            report.stopped_by = "pages"
            break
        if time.monotonic() - started > time_limit:
            report.stopped_by = "time"
            break
        path, referrer = queue.pop(0)
        result = fetcher(path)
        report.pages += 1
        if not result.ok:
            report.broken.append(
                {
                    "url": path,
                    "status": result.status,
                    "error": result.error,
                    "linked_from": referrer or "(trang bắt đầu)",
                }
            )
            continue
        if "html" not in result.content_type:
            continue
        page_url = urljoin(origin, path)
        for href in links_in(result.body.decode("utf-8", "replace")):
            target = internal_path(href, page_url, hostname)
            if target and target not in seen:
                seen.add(target)
                queue.append((target, path))
    report.elapsed_ms = int((time.monotonic() - started) * 1000)
    return report
