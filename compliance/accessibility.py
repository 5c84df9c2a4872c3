"""axe-core in headless Chromium on a site's main page types, when both are installed.

Chromium is Debian's (/usr/bin/chromium) and axe.min.js comes inside the
axe-playwright-python wheel (no CDN), as in the foundation's browser harness. When either
is missing the caller records "not measured": a missing browser is never a pass.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings

from .fetch import fetch_base, site_origin

CHROMIUM = settings.COMPLIANCE_CHROMIUM
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Without site isolation, a site opened from the last site's page (`_open`) stays in
    # the same renderer process, which has axe compiled already; a new renderer for each
    # site cost ~0.2 CPU-s a site (docs/performance.md, stop 35). This browser opens only
    # the province's own sites, with no account and each site's cookies cleared.
    "--disable-site-isolation-trials",
    "--disable-features=site-per-process,IsolateOrigins",
]


@dataclass
class AxeReport:
    pages: list[dict] = field(default_factory=list)

    @property
    def violations(self) -> int:
        return sum(len(page.get("violations", [])) for page in self.pages)

    @property
    def errors(self) -> list[dict]:
        return [page for page in self.pages if page.get("error")]


def axe_script() -> Path | None:
    try:
        import axe_playwright_python
    except ImportError:
        return None
    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    return path if path.exists() else None


def unavailable_reason() -> str | None:
    if fetch_base() == "inprocess":
        return "no server to open in a browser (in-process measurement)"
    if not os.path.exists(CHROMIUM):
        return "chromium not installed"
    if axe_script() is None:
        return "axe-core not installed"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed"
    return None


def run_axe(hostname: str, paths: list[str], *, timeout_ms: int = 15000) -> AxeReport:
    """Axe on each path, in the batch's browser (`shared_browser`) or in one of its own."""
    browser = _SHARED.get()
    if browser is not None:
        return browser.run(hostname, paths, timeout_ms)
    with AxeBrowser() as own:
        return own.run(hostname, paths, timeout_ms)


# What the check keeps of axe's answer, computed in the page: the whole result (every
# rule, with HTML snippets) would be serialised and sent through the browser, Playwright's
# driver and Python for nothing.
VIOLATIONS = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.length}))"""

# A browser context serves this many sites before a fresh one replaces it: a fresh
# context for every site cost ~1.4 s of CPU more per site (docs/performance.md, section
# 1), and the cap bounds what a long batch keeps in memory.
SITES_PER_CONTEXT = 20

VIEWPORT = {"width": 390, "height": 844}


@cache
def top_frame_axe() -> str:
    """axe.min.js as an init script that loads in the top frame only: an iframe gets no
    axe (as with the script tag this replaces), so what axe reports stays the page's."""
    return "if (window === window.top) {\n" + axe_script().read_text() + "\n}"


class AxeBrowser:
    """One Chromium, launched on first use, for the sites of a batch. Sites share a browser
    context (SITES_PER_CONTEXT at most) that loads axe into every page by itself, so axe is
    sent to the browser once per context instead of once per page; each site starts with
    the context's cookies cleared, and sites never share storage or cached files since
    each has its own host. Playwright runs in a thread of its own so that its event loop
    never meets the caller's ORM connection; every call goes to that thread (Playwright's
    sync API stays on the thread that began it)."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1)
        self._playwright = None
        self._browser = None
        self._context = None
        self._page = None
        self._sites_in_context = 0
        self._base: str | None = None

    def __enter__(self) -> AxeBrowser:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def run(self, hostname: str, paths: list[str], timeout_ms: int = 15000) -> AxeReport:
        # Read here: the pool's thread does not see this thread's context variables.
        urls = [urljoin(site_origin(hostname), path) for path in paths]
        return self._pool.submit(self._run, fetch_base(), urls, timeout_ms).result()

    def close(self) -> None:
        self._pool.submit(self._stop).result()
        self._pool.shutdown()

    def _start(self, base: str):
        from playwright.sync_api import sync_playwright

        args = list(CHROMIUM_ARGS)
        if base:
            # Every site's hostname resolves to the local server the measurement uses.
            args.append(f"--host-resolver-rules=MAP * {urlsplit(base).hostname}")
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        except Exception:
            self._stop()
            raise
        return self._browser

    def _stop(self) -> None:
        try:
            self._close_context()
            if self._browser is not None:
                with contextlib.suppress(Exception):  # it may have died already
                    self._browser.close()
        finally:
            self._browser = None
            self._base = None
            if self._playwright is not None:
                self._playwright.stop()
                self._playwright = None

    def _close_context(self) -> None:
        context, self._context, self._page = self._context, None, None
        self._sites_in_context = 0
        if context is not None:
            with contextlib.suppress(Exception):  # already closed or crashed
                context.close()

    def _page_for_next_site(self, browser, timeout_ms: int):
        if self._sites_in_context >= SITES_PER_CONTEXT:
            self._close_context()
        if self._context is not None:
            try:
                self._context.clear_cookies()
            except Exception:  # noqa: BLE001 - a broken context is replaced, not reused
                self._close_context()
        if self._context is None:
            self._context = browser.new_context(bypass_csp=True, viewport=VIEWPORT)
            self._context.add_init_script(script=top_frame_axe())
        if self._page is None or self._page.is_closed():
            self._new_page(timeout_ms)
        self._page.set_default_timeout(timeout_ms)
        self._sites_in_context += 1
        return self._page

    def _new_page(self, timeout_ms: int):
        if self._page is not None:
            with contextlib.suppress(Exception):  # already crashed or closed
                self._page.close()
        self._page = self._context.new_page()
        self._page.set_default_timeout(timeout_ms)
        return self._page

    def _browser_for(self, base: str):
        """The running browser, or a new one when there is none, it died (a browser kept
        by a worker process outlives many batches) or it resolves hosts for another base."""
        if self._browser is not None and (self._base != base or not self._browser.is_connected()):
            self._stop()
        if self._browser is None:
            self._start(base)
            self._base = base
        return self._browser

    def _run(self, base: str, urls: list[str], timeout_ms: int) -> AxeReport:
        browser = self._browser_for(base)
        report = AxeReport()
        page = self._page_for_next_site(browser, timeout_ms)
        for url in urls:
            try:
                response = _open(page, url)
                violations = page.evaluate(VIOLATIONS)
                report.pages.append(
                    {
                        "url": url,
                        "status": response.status if response else None,
                        "violations": violations,
                    }
                )
            except Exception as exc:  # noqa: BLE001 - one page's failure is evidence
                report.pages.append({"url": url, "error": str(exc)[:300]})
                # The page may be stuck or crashed: the next URL gets a new one.
                page = self._new_page(timeout_ms)
        return report


def _open(page, url: str):
    """Load `url` in the page and return its response. From a page of ours the page itself
    navigates, as a followed link does: a navigation the browser starts (`goto`) to another
    site always gets a new renderer process. A first page, an error page, or a URL that
    differs only by its fragment (no load follows) goes through `goto`."""
    current = page.url
    ours = current.startswith(("http://", "https://"))
    if not ours or urldefrag(current)[0] == urldefrag(url)[0]:
        return page.goto(url, wait_until="load")
    with page.expect_navigation(wait_until="load") as navigation:
        page.evaluate("(url) => { window.location.href = url; }", url)
    return navigation.value


_SHARED: ContextVar[AxeBrowser | None] = ContextVar("compliance_axe_browser", default=None)


@contextmanager
def shared_browser() -> Iterator[None]:
    """Inside the block, every `run_axe` uses one browser (launched at the first use):
    a batch of sites pays for one Chromium start instead of one each."""
    if _SHARED.get() is not None:
        yield
        return
    browser = AxeBrowser()
    token = _SHARED.set(browser)
    try:
        yield
    finally:
        _SHARED.reset(token)
        browser.close()


# The browser a process keeps between blocks (`kept_browser`): a Celery worker process
# measures batch after batch, and launching Chromium for each would make small batches
# dear; small batches keep the fleet's workers busy to the end (compliance/fleet.py).
_KEPT: tuple[int, AxeBrowser] | None = None


@contextmanager
def kept_browser() -> Iterator[None]:
    """Like `shared_browser`, but the browser outlives the block: the next block in this
    process uses it again (a Celery worker process; `close_kept_browser` at its end). A
    browser that died is replaced at its next use; a forked child never uses its parent's."""
    global _KEPT
    if _SHARED.get() is not None:
        yield
        return
    if _KEPT is None or _KEPT[0] != os.getpid():
        _KEPT = (os.getpid(), AxeBrowser())
    token = _SHARED.set(_KEPT[1])
    try:
        yield
    finally:
        _SHARED.reset(token)


def close_kept_browser() -> None:
    global _KEPT
    kept, _KEPT = _KEPT, None
    if kept is not None and kept[0] == os.getpid():
        kept[1].close()
