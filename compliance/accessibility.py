"""axe-core in headless Chromium on a site's main page types, when both are installed.

Chromium is Debian's (/usr/bin/chromium) and axe.min.js comes inside the
axe-playwright-python wheel (no CDN), as in the foundation's browser harness. When either
is missing the caller records "not measured": a missing browser is never a pass.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

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
    """Axe on each path; runs Playwright in its own thread so that its event loop never
    meets the caller's ORM connection."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_run_axe, hostname, paths, timeout_ms).result()


def _run_axe(hostname: str, paths: list[str], timeout_ms: int) -> AxeReport:
    from playwright.sync_api import sync_playwright

    args = list(CHROMIUM_ARGS)
    base = fetch_base()
    if base:
        # Resolve the site's hostname to the local server the measurement is pointed at.
        args.append(f"--host-resolver-rules=MAP {hostname} {urlsplit(base).hostname}")
    report = AxeReport()
    script = str(axe_script())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        try:
            context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
            page = context.new_page()
            page.set_default_timeout(timeout_ms)
            for path in paths:
                url = urljoin(site_origin(hostname), path)
                try:
                    response = page.goto(url, wait_until="load")
                    page.add_script_tag(path=script)
                    result = page.evaluate(
                        "async () => await axe.run(document, {resultTypes: ['violations']})"
                    )
                    report.pages.append(
                        {
                            "url": url,
                            "status": response.status if response else None,
                            "violations": [
                                {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
                                for v in result["violations"]
                            ],
                        }
                    )
                except Exception as exc:  # noqa: BLE001 - one page's failure is evidence
                    report.pages.append({"url": url, "error": str(exc)[:300]})
            context.close()
        finally:
            browser.close()
    return report
