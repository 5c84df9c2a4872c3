"""Axis (b) of Decree 224 Art. 12(2): reachability, navigation and technical performance.

Every check here fetches the site's own pages over HTTP (see compliance.fetch): an
unreachable site yields a failed indicator with the error as evidence, never a crash.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - parses our own sitemap, defused below

from django.utils.translation import gettext_lazy as _

from .. import accessibility
from ..crawl import crawl
from ..fetch import cached_fetch, primary_hostname
from ..models import CheckStatus
from . import CheckContext, CheckResult, check, grade, not_measured
from .params import Kind, Param

NO_DOMAIN = "site has no domain"
NO_PAGE_OPENED = "Không mở được trang nào để đánh giá"

TIMEOUT = Param(
    "timeout",
    Kind.FLOAT,
    _("Thời gian chờ mỗi trang (giây)"),
    default=10.0,
    min=1,
    max=60,
    help=_("Quá thời gian này, trang được coi là không truy cập được."),
)
PATH = Param(
    "path",
    Kind.PATH,
    _("Đường dẫn trang"),
    default="/",
    help=_("Ví dụ / (trang chủ) hoặc /gioi-thieu/."),
)


def _fetch(context: CheckContext, path: str):
    return cached_fetch(context, path, timeout=context.param("timeout"))


def _unreachable(result) -> CheckResult:
    return CheckResult(
        CheckStatus.FAIL,
        f"Không tải được {result.url}: {result.error or result.status}",
        [result.evidence()],
    )


@check("home_status", params=[PATH, TIMEOUT])
def home_status(context: CheckContext) -> CheckResult:
    """The home page answers 200."""
    result = _fetch(context, context.param("path"))
    if result is None:
        return not_measured(NO_DOMAIN)
    if not result.ok:
        return _unreachable(result)
    return CheckResult(
        CheckStatus.PASS, f"Trang chủ trả lời {result.status}", [result.evidence()], 1
    )


@check("response_time", params=[PATH, TIMEOUT])
def response_time(context: CheckContext) -> CheckResult:
    """Response time of a page in seconds (thresholds in seconds; default 2 s / 5 s)."""
    result = _fetch(context, context.param("path"))
    if result is None:
        return not_measured(NO_DOMAIN)
    if not result.ok:
        return _unreachable(result)
    seconds = result.elapsed_ms / 1000
    status = grade(
        seconds,
        context.threshold("threshold_pass", 2),
        context.threshold("threshold_partial", 5),
        higher_is_better=False,
    )
    return CheckResult(
        status, f"Phản hồi trong {seconds:.2f} giây", [result.evidence()], round(seconds, 3)
    )


@check("page_size", params=[PATH, TIMEOUT])
def page_size(context: CheckContext) -> CheckResult:
    """HTML size of a page in kilobytes (default 500 kB pass, 1500 kB partial)."""
    result = _fetch(context, context.param("path"))
    if result is None:
        return not_measured(NO_DOMAIN)
    if not result.ok:
        return _unreachable(result)
    kilobytes = result.size / 1024
    status = grade(
        kilobytes,
        context.threshold("threshold_pass", 500),
        context.threshold("threshold_partial", 1500),
        higher_is_better=False,
    )
    return CheckResult(status, f"Dung lượng {kilobytes:.0f} kB", [result.evidence()], kilobytes)


@check(
    "page_reachable",
    params=[
        PATH,
        Param(
            "content_type",
            Kind.STR,
            _("Kiểu nội dung phải có"),
            default="",
            help=_("Một phần của Content-Type, ví dụ html hoặc xml. Để trống: không xét."),
        ),
        Param(
            "contains",
            Kind.STR,
            _("Đoạn chữ trang phải chứa"),
            default="",
            help=_("Để trống: không xét."),
        ),
        TIMEOUT,
    ],
)
def page_reachable(context: CheckContext) -> CheckResult:
    """A page answers 200, optionally with a content type and a text it must contain."""
    path = context.param("path")
    expected_type = context.param("content_type")
    needle = context.param("contains")
    result = _fetch(context, path)
    if result is None:
        return not_measured(NO_DOMAIN)
    if not result.ok:
        return _unreachable(result)
    evidence = result.evidence()
    if expected_type and expected_type not in result.content_type:
        evidence["content_type"] = result.content_type
        return CheckResult(CheckStatus.PARTIAL, f"{path} sai kiểu nội dung", [evidence])
    if needle and needle.encode() not in result.body:
        evidence["missing_text"] = needle
        return CheckResult(CheckStatus.PARTIAL, f"{path} thiếu nội dung cần có", [evidence])
    return CheckResult(CheckStatus.PASS, f"{path} trả lời {result.status}", [evidence], 1)


def _parse_xml(body: bytes):
    """The root element, or an error text; DTDs are refused (entity expansion)."""
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        return None, "DTD"
    try:
        return ET.fromstring(body), ""  # noqa: S314 - DTDs refused just above
    except ET.ParseError as exc:
        return None, str(exc)


def _locs(root, entry: str) -> list[str]:
    """The <loc> of each <url> (entry "}url") or <sitemap> ("}sitemap") of the root."""
    return [
        (loc.text or "").strip()
        for node in root
        if node.tag.endswith(entry)
        for loc in node
        if loc.tag.endswith("}loc")
    ]


@check(
    "sitemap_xml",
    params=[
        Param(
            "max_pages",
            Kind.INT,
            _("Số trang sitemap con tối đa được tải"),
            default=20,
            min=1,
            max=200,
        ),
        TIMEOUT,
    ],
)
def sitemap_xml(context: CheckContext) -> CheckResult:
    """sitemap.xml answers and parses; a sitemap index's pages are fetched (up to
    max_pages) and their addresses counted (REQUIREMENTS C)."""
    from urllib.parse import urlsplit

    max_pages = context.param("max_pages")
    result = _fetch(context, "/sitemap.xml")
    if result is None:
        return not_measured(NO_DOMAIN)
    if not result.ok:
        return _unreachable(result)
    evidence = result.evidence()
    root, error = _parse_xml(result.body)
    if root is None:
        evidence["error"] = error
        summary = "chứa khai báo DTD" if error == "DTD" else "không đúng XML"
        return CheckResult(CheckStatus.FAIL, f"sitemap.xml {summary}", [evidence])
    if not root.tag.endswith("sitemapindex"):
        count = len(_locs(root, "}url"))
        evidence["urls"] = count
        return CheckResult(CheckStatus.PASS, f"sitemap.xml có {count} địa chỉ", [evidence], count)
    pages = _locs(root, "}sitemap")[:max_pages]
    evidence["pages"] = len(pages)
    page_evidence, urls, broken = [], 0, 0
    for location in pages:
        parts = urlsplit(location)
        page = _fetch(context, parts.path + (f"?{parts.query}" if parts.query else ""))
        page_root, page_error = _parse_xml(page.body) if page.ok else (None, page.error)
        if page_root is None:
            broken += 1
            page_evidence.append({**page.evidence(), "error": page_error or page.status})
            continue
        urls += len(_locs(page_root, "}url"))
    evidence["urls"] = urls
    if broken:
        return CheckResult(
            CheckStatus.PARTIAL if broken < len(pages) else CheckStatus.FAIL,
            f"{broken}/{len(pages)} trang sitemap lỗi",
            [evidence, *page_evidence],
            urls,
        )
    return CheckResult(
        CheckStatus.PASS, f"sitemap.xml: {len(pages)} trang, {urls} địa chỉ", [evidence], urls
    )


@check("robots_txt", params=[TIMEOUT])
def robots_txt(context: CheckContext) -> CheckResult:
    """robots.txt answers and does not shut the site off from search engines."""
    result = _fetch(context, "/robots.txt")
    if result is None:
        return not_measured(NO_DOMAIN)
    if not result.ok:
        return _unreachable(result)
    lines = [line.strip().lower() for line in result.body.decode("utf-8", "replace").splitlines()]
    evidence = result.evidence()
    if "disallow: /" in lines:
        return CheckResult(CheckStatus.PARTIAL, "robots.txt chặn toàn bộ trang", [evidence])
    if not any(line.startswith("sitemap:") for line in lines):
        return CheckResult(CheckStatus.PARTIAL, "robots.txt không khai báo sitemap", [evidence])
    return CheckResult(CheckStatus.PASS, "robots.txt hợp lệ", [evidence], 1)


@check(
    "search_works",
    params=[
        Param(
            "queries",
            Kind.LINES,
            _("Từ khóa tìm thử"),
            default=["thủ tục", "thu tuc"],
            help=_("Mỗi dòng một từ khóa; nên có cả từ có dấu và không dấu."),
        ),
        TIMEOUT,
    ],
)
def search_works(context: CheckContext) -> CheckResult:
    """The site's search page answers a query, with and without diacritics."""
    queries = context.param("queries")
    evidence = []
    failed = 0
    for query in queries:
        from urllib.parse import quote

        result = _fetch(context, f"/tim-kiem/?q={quote(query)}")
        if result is None:
            return not_measured(NO_DOMAIN)
        evidence.append({**result.evidence(), "query": query})
        failed += not result.ok
    if failed == len(queries):
        return CheckResult(CheckStatus.FAIL, "Trang tìm kiếm không trả lời", evidence, 0)
    if failed:
        return CheckResult(CheckStatus.PARTIAL, "Tìm kiếm lỗi với một số từ khóa", evidence)
    return CheckResult(CheckStatus.PASS, "Tìm kiếm hoạt động", evidence, 1)


@check("mobile_ready", params=[TIMEOUT])
def mobile_ready(context: CheckContext) -> CheckResult:
    """The home page declares a responsive viewport and its language (REQUIREMENTS C)."""
    result = _fetch(context, "/")
    if result is None:
        return not_measured(NO_DOMAIN)
    if not result.ok:
        return _unreachable(result)
    body = result.body.lower()
    missing = []
    if b'name="viewport"' not in body:
        missing.append("meta viewport")
    if b"<html lang=" not in body:
        missing.append("html lang")
    evidence = [{**result.evidence(), "missing": missing}]
    if missing:
        return CheckResult(CheckStatus.FAIL, "Thiếu: " + ", ".join(missing), evidence, 0)
    return CheckResult(CheckStatus.PASS, "Có viewport và khai báo ngôn ngữ", evidence, 1)


@check(
    "broken_links",
    params=[
        Param("start", Kind.PATH, _("Trang bắt đầu duyệt"), default="/"),
        Param(
            "max_pages",
            Kind.INT,
            _("Số trang duyệt tối đa"),
            default=40,
            min=1,
            max=1000,
        ),
        Param(
            "time_limit",
            Kind.FLOAT,
            _("Thời gian duyệt tối đa (giây)"),
            default=30.0,
            min=1,
            max=600,
        ),
        Param(
            "timeout",
            Kind.FLOAT,
            _("Thời gian chờ mỗi trang (giây)"),
            default=5.0,
            min=1,
            max=60,
        ),
    ],
)
def broken_links(context: CheckContext) -> CheckResult:
    """Broken internal links found by a bounded crawl (pages and seconds in params)."""
    start = context.param("start")
    max_pages = context.param("max_pages")
    time_limit = context.param("time_limit")
    timeout = context.param("timeout")
    hostname = primary_hostname(context.tenant)
    if not hostname:
        return not_measured(NO_DOMAIN)
    report = crawl(
        hostname,
        start,
        max_pages=max_pages,
        time_limit=time_limit,
        timeout=timeout,
        # The run's pages: what the other checks fetched is not fetched (rendered) again.
        fetcher=lambda path: cached_fetch(context, path, timeout=timeout),
    )
    status = grade(
        len(report.broken),
        context.threshold("threshold_pass", 0),
        context.threshold("threshold_partial", 3),
        higher_is_better=False,
    )
    if report.pages == 1 and report.broken:
        status = CheckStatus.FAIL  # the start page itself failed: nothing was crawled
    evidence = [
        {"pages_crawled": report.pages, "stopped_by": report.stopped_by, "ms": report.elapsed_ms},
        *report.broken[:50],
    ]
    summary = (
        f"{report.pages} trang đã duyệt, không có liên kết hỏng"
        if not report.broken
        else f"{len(report.broken)} liên kết nội bộ hỏng / {report.pages} trang"
    )
    return CheckResult(status, summary, evidence, len(report.broken))


@check(
    "accessibility",
    params=[
        Param(
            "paths",
            Kind.PATHS,
            _("Các trang được đánh giá"),
            default=["/", "/gioi-thieu/", "/tim-kiem/?q=a"],
            help=_("Mỗi dòng một đường dẫn, ví dụ /gioi-thieu/."),
        )
    ],
)
def accessibility_axe(context: CheckContext) -> CheckResult:
    """Zero axe-core violations on the main page types (WCAG 2.1 AA); "not measured"
    when Chromium or axe-core is absent — never a pass."""
    paths = context.param("paths")
    reason = accessibility.unavailable_reason()
    if reason:
        return not_measured(reason)
    hostname = primary_hostname(context.tenant)
    if not hostname:
        return not_measured(NO_DOMAIN)
    first = cached_fetch(context, paths[0])
    if first is not None and first.unreachable:
        # The host answers nothing: a browser would fail on every page alike, after
        # starting for nothing (a site down during a nightly run of thousands).
        return CheckResult(CheckStatus.FAIL, NO_PAGE_OPENED, [first.evidence()])
    report = accessibility.run_axe(hostname, paths)
    if len(report.errors) == len(report.pages):
        return CheckResult(CheckStatus.FAIL, NO_PAGE_OPENED, report.pages)
    violations = report.violations
    status = grade(
        violations,
        context.threshold("threshold_pass", 0),
        context.threshold("threshold_partial", 3),
        higher_is_better=False,
    )
    if report.errors and status == CheckStatus.PASS:
        status = CheckStatus.PARTIAL
    summary = f"{violations} lỗi tiếp cận trên {len(report.pages)} trang"
    return CheckResult(status, summary, report.pages, violations)


_FEED_LINKS = (
    # Autodiscovery in <head>, in either attribute order.
    ("link rel=alternate", rb'<link[^>]+type="application/(?:rss|atom)\+xml"[^>]*href="([^"]+)"'),
    ("link rel=alternate", rb'<link[^>]+href="([^"]+)"[^>]*type="application/(?:rss|atom)\+xml"'),
    # A visible link to the feed (e.g. "Nhận tin qua RSS" in the footer of every page).
    ("a href", rb'<a[^>]+href="([^"]*(?:rss|atom|feed)[^"]*)"'),
)


def _feed_path(body: bytes) -> tuple[str, str] | None:
    import re
    from urllib.parse import urlsplit

    for how, pattern in _FEED_LINKS:
        match = re.search(pattern, body, re.IGNORECASE)
        if match:
            path = match.group(1).decode("utf-8", "replace")
            if "://" in path:
                parts = urlsplit(path)
                path = parts.path + (f"?{parts.query}" if parts.query else "")
            return path, how
    return None


@check(
    "rss_feed",
    params=[
        Param(
            "path",
            Kind.PATH,
            _("Đường dẫn kênh RSS"),
            default="",
            help=_("Để trống: tìm kênh RSS được khai báo trên trang chủ."),
        ),
        TIMEOUT,
    ],
)
def rss_feed(context: CheckContext) -> CheckResult:
    """The home page announces an RSS/Atom feed (autodiscovery <link>, else a visible link)
    and the feed answers; a fixed `path` is checked instead when given."""
    path = context.param("path")
    how = "params"
    if not path:
        home = _fetch(context, "/")
        if home is None:
            return not_measured(NO_DOMAIN)
        if not home.ok:
            return _unreachable(home)
        found = _feed_path(home.body)
        if found is None:
            return CheckResult(
                CheckStatus.FAIL,
                "Trang chủ không khai báo RSS",
                [{**home.evidence(), "rss": None}],
                0,
            )
        path, how = found
    result = _fetch(context, path)
    if result is None:
        return not_measured(NO_DOMAIN)
    if not result.ok:
        return _unreachable(result)
    evidence = {**result.evidence(), "announced_by": how}
    if b"<rss" not in result.body[:2000] and b"<feed" not in result.body[:2000]:
        return CheckResult(CheckStatus.PARTIAL, f"{path} không phải RSS/Atom", [evidence], 0)
    return CheckResult(CheckStatus.PASS, f"RSS {path} hoạt động", [evidence], 1)
