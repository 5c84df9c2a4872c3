"""The accessibility check's browser (compliance/accessibility.py): the sites of a batch
share one browser context that loads axe by itself, and axe reports exactly what a fresh
context per site with axe injected into each page reported."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from compliance import accessibility
from compliance.fetch import using_base

pytestmark = pytest.mark.skipif(
    not os.path.exists(accessibility.CHROMIUM) or accessibility.axe_script() is None,
    reason="chromium or axe-core not installed",
)

# Violations of several kinds: a missing alt, low contrast, an unlabelled field, a
# background image, and an iframe whose own page breaks rules too (axe is not loaded in
# frames, before or now, so the frame's problems are not the page's).
PAGES = {
    "/": """<!doctype html><html lang="vi"><head><title>Trang chủ</title>
<style>.faint { color: #bbb; background: #fff }
.hero { background: url(/hero.svg); color: #777 }</style></head>
<body><main><h1>Trang chủ</h1><img src="/logo.svg">
<p class="faint">Chữ mờ khó đọc</p><p class="hero">Chữ trên ảnh nền</p>
<form><input type="text" name="q"></form>
<iframe src="/khung/" title="Khung"></iframe></main></body></html>""",
    "/khung/": """<!doctype html><html><body><img src="/logo.svg"><a href="/"></a>
</body></html>""",
    "/gioi-thieu/": """<!doctype html><html lang="vi"><head><title>Giới thiệu</title></head>
<body><main><h1>Giới thiệu</h1><h4>Nhảy cấp tiêu đề</h4><button></button>
<a href="/"><img src="/logo.svg"></a></main></body></html>""",
    "/sach/": """<!doctype html><html lang="vi"><head><title>Không lỗi</title></head>
<body><main><h1>Không lỗi</h1><p>Trang đạt.</p></main></body></html>""",
}
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


class Site(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the http.server API
        path = self.path.split("?")[0]
        if path.endswith(".svg"):
            return self._answer(SVG, "image/svg+xml")
        if path == "/cookie/":
            # A page that changes once its own cookie is back: a second visit of the same
            # site must not carry the first one's cookie.
            seen = "seen=1" in (self.headers.get("Cookie") or "")
            body = PAGES["/gioi-thieu/"] if seen else PAGES["/sach/"]
            return self._answer(body.encode(), "text/html; charset=utf-8", "seen=1; Path=/")
        if path not in PAGES:
            return self._answer(b"not found", "text/plain", status=404)
        return self._answer(PAGES[path].encode(), "text/html; charset=utf-8")

    def _answer(self, body, content_type, cookie="", status=200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if cookie:
            self.send_header("Set-Cookie", cookie)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def injected_per_page(
    base: str, hostname: str, paths: list[str], executable: str = accessibility.CHROMIUM
) -> list[list[dict]]:
    """The way before the shared context: a fresh context for the site, then goto and
    axe injected with a script tag on each page. In a thread of its own, as AxeBrowser
    runs: the e2e tests' Playwright may already hold this thread's event loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_injected_per_page, base, hostname, paths, executable).result()


def _injected_per_page(
    base: str, hostname: str, paths: list[str], executable: str
) -> list[list[dict]]:
    from playwright.sync_api import sync_playwright

    port = base.rsplit(":", 1)[1]
    args = [*accessibility.CHROMIUM_ARGS, "--host-resolver-rules=MAP * 127.0.0.1"]
    found = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=args)
        context = browser.new_context(bypass_csp=True, viewport=accessibility.VIEWPORT)
        page = context.new_page()
        for path in paths:
            page.goto(f"http://{hostname}:{port}{path}", wait_until="load")
            page.add_script_tag(path=str(accessibility.axe_script()))
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            found.append(
                [
                    {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
                    for v in result["violations"]
                ]
            )
        browser.close()
    return found


def violations(report) -> list[list[dict]]:
    assert not report.errors, report.errors
    return [page["violations"] for page in report.pages]


def test_the_shared_context_finds_the_violations_a_fresh_context_per_page_found(server):
    paths = ["/", "/gioi-thieu/", "/sach/"]
    reference = injected_per_page(server, "mot.portal.test", paths)
    assert {v["id"] for v in reference[0]} >= {"image-alt", "color-contrast", "label"}
    assert reference[2] == []
    with using_base(server), accessibility.AxeBrowser() as browser:
        first = browser.run("mot.portal.test", paths)
        second = browser.run("hai.portal.test", paths)
    assert violations(first) == reference
    assert violations(second) == reference


def test_the_headless_shell_finds_what_the_desktop_browser_finds(server):
    """The checks drive Debian's chromium-headless-shell where it is installed
    (portal/settings.py; CI installs it): Chromium's engine without the desktop browser
    around it, for about a fifth less machine time. On the same pages axe must report
    the same violations in it as in the full /usr/bin/chromium."""
    assert accessibility.CHROMIUM == "/usr/bin/chromium-headless-shell", (
        "apt-get install chromium-headless-shell (.ci/run does it)"
    )
    paths = ["/", "/gioi-thieu/", "/sach/"]
    desktop = injected_per_page(server, "mot.portal.test", paths, executable="/usr/bin/chromium")
    assert {v["id"] for v in desktop[0]} >= {"image-alt", "color-contrast", "label"}
    with using_base(server), accessibility.AxeBrowser() as browser:
        shell = browser.run("mot.portal.test", paths)
    assert violations(shell) == desktop


def renderer_processes(browser_flag: str) -> set[int]:
    """The renderer processes of this process's Chromium started with `browser_flag` (from
    /proc: Playwright does not tell its pids; another test process may run one too)."""
    parents, commands = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat, open(f"/proc/{entry}/cmdline") as cmd:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
                    commands[int(entry)] = cmd.read()
            except OSError:
                continue

    def under_browser(pid: int) -> bool:
        browser_seen = False
        while pid in parents:
            if "--type=" not in commands[pid] and browser_flag in commands[pid]:
                browser_seen = True
            if pid == os.getpid():
                return browser_seen
            pid = parents[pid]
        return False

    return {pid for pid, cmd in commands.items() if "--type=renderer" in cmd and under_browser(pid)}


def test_the_sites_of_a_context_share_one_renderer_process(server):
    """Each site is opened from the last one's page: Chromium keeps one renderer (with axe
    compiled) instead of starting one per site, which `goto` to another site did."""
    seen = set()
    with using_base(server), accessibility.AxeBrowser() as browser:
        for n in range(6):
            # Six sites (six registrable domains), not six hosts of one domain.
            assert violations(browser.run(f"xa{n}.test", ["/sach/", "/"]))[0] == []
            seen |= renderer_processes("--disable-site-isolation-trials")
    assert 1 <= len(seen) <= 2, seen


def test_a_site_measured_again_in_the_same_context_sees_none_of_its_cookies(server):
    with using_base(server), accessibility.AxeBrowser() as browser:
        runs = [browser.run("mot.portal.test", ["/cookie/"]) for _ in range(2)]
    assert [violations(run) for run in runs] == [[[]], [[]]]
    # Without the clearing, the second visit carries the cookie and shows the page with
    # violations (the server's behaviour the assertion above relies on).
    assert injected_per_page(server, "mot.portal.test", ["/cookie/", "/cookie/"])[1] != []


def test_a_new_context_after_its_share_of_sites(server, monkeypatch):
    monkeypatch.setattr(accessibility, "SITES_PER_CONTEXT", 2)
    contexts = []
    with using_base(server), accessibility.AxeBrowser() as browser:
        for n in range(5):
            report = browser.run(f"site{n}.portal.test", ["/sach/"])
            assert violations(report) == [[]]
            contexts.append(browser._context)
    assert len({id(context) for context in contexts}) == 3


def test_a_context_that_broke_is_replaced_for_the_next_site(server):
    with using_base(server), accessibility.AxeBrowser() as browser:
        browser.run("mot.portal.test", ["/sach/"])
        browser._pool.submit(browser._context.close).result()  # as if it had crashed
        report = browser.run("hai.portal.test", ["/sach/"])
    assert violations(report) == [[]]


def test_a_kept_browser_that_died_is_replaced_at_its_next_use(server):
    """A worker process keeps its browser for batch after batch (kept_browser): if
    Chromium dies between two, the next site gets a new one, not an error."""
    try:
        with using_base(server), accessibility.kept_browser():
            first = accessibility.run_axe("mot.portal.test", ["/sach/"])
        browser = accessibility._KEPT[1]
        browser._pool.submit(browser._browser.close).result()  # as if it had crashed
        with using_base(server), accessibility.kept_browser():
            second = accessibility.run_axe("hai.portal.test", ["/sach/"])
        assert accessibility._KEPT[1] is browser
    finally:
        accessibility.close_kept_browser()
    assert violations(first) == [[]]
    assert violations(second) == [[]]
