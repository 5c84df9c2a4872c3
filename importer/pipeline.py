"""The import pipeline: discover → fetch → extract → write, one old URL at a time.

Each item is written in its own transaction and journalled in ImportItem under its
normalised source URL, so a second run skips what is done (or, with `update_done`,
re-reads it and updates what changed), and a killed run continues where it stopped.
A dry run goes through discovery, fetching and extraction and writes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from urllib.parse import urljoin, urlsplit

from django.utils import timezone

from content import caching
from tenants.access import PUBLISHING_ROLES, has_role

from .common import ImportRefused, Report, Target, category_for, fetcher_for
from .encoding import EncodingError, decode_page
from .extract import DOCUMENT_EXTENSIONS, feed_links, links_in
from .fetch import Fetcher, FetchError, normalise_url
from .items import import_document, import_page, preview
from .models import ImportItem, ImportRun, ItemKind, ItemState, RunState, SourceProfile
from .sheets import SheetError, document_sheet, is_sheet, qa_sheet
from .structured import document_rows
from .writer import WriteContext, rewrite_links
from .wxr import wxr_items

__all__ = ["ImportRefused", "Report", "discover", "run"]
MAX_LISTING_PAGES = 1000
PAGE_SUFFIXES = (".html", ".htm", ".aspx", ".asp", ".php", ".jsp", "/")


def _looks_like_item(url: str, listing: str) -> bool:
    path = urlsplit(url).path.lower()
    if path.endswith(DOCUMENT_EXTENSIONS) or url == listing:
        return False
    return path.endswith(PAGE_SUFFIXES) or "." not in path.rsplit("/", 1)[-1]


def discover(profile: SourceProfile, fetcher: Fetcher, problems: list[str]) -> Iterator[Target]:
    """Every item URL the profile's sources list, once, in source order."""
    seen: set[str] = set()
    for source in profile.sources:
        url, category = source.get("url", ""), source.get("category", "")
        kind = source.get("kind", ItemKind.ARTICLE)
        pages, listing_seen = [profile_url(profile, url)], set()
        while pages and len(listing_seen) < MAX_LISTING_PAGES:
            page = pages.pop(0)
            if page in listing_seen:
                continue
            listing_seen.add(page)
            try:
                response = fetcher.fetch(page)
            except FetchError as exc:
                problems.append(f"Trang danh sách {page}: {exc}")
                continue
            if is_sheet(page):  # CSV / XLSX of documents or Q&A
                try:
                    yield from _sheet_targets(response.body, page, category, kind, seen)
                except SheetError as exc:
                    problems.append(f"{page}: {exc}")
                continue
            exported = wxr_items(response.body)
            if exported is not None:  # a WordPress export: the items are in the file
                mapping = source.get("categories", {})
                for page_parts, nicenames in exported:
                    key = normalise_url(page_parts.url)
                    if key not in seen:
                        seen.add(key)
                        slug = next((mapping[n] for n in nicenames if n in mapping), category)
                        yield Target(key, slug, kind, page=page_parts)
                continue
            links = feed_links(response.body)  # RSS, Atom or a sitemap, whatever its type says
            if links is None:
                try:
                    text, _enc = decode_page(response.body, response.charset)
                except EncodingError as exc:
                    problems.append(f"Trang danh sách {page}: {exc}")
                    continue
                if kind == ItemKind.DOCUMENT:  # a table of documents: each row is an item
                    for row in document_rows(text, page):
                        if row.key not in seen:
                            seen.add(row.key)
                            yield Target(row.key, category, kind, row)
                    links = []
                else:
                    links = [
                        link
                        for link in links_in(text, page, profile.item_link_selector)
                        if profile.item_link_selector or _looks_like_item(link, page)
                    ]
                if profile.next_page_selector:
                    pages += links_in(text, page, profile.next_page_selector)
            elif any(link.endswith(".xml") for link in links):  # a sitemap index
                pages += [link for link in links if link.endswith(".xml")]
                links = [link for link in links if not link.endswith(".xml")]
            for link in links:
                key = normalise_url(urljoin(page, link))
                if key in seen:
                    continue
                seen.add(key)
                yield Target(key, category, kind)


def _sheet_targets(raw: bytes, page: str, category: str, kind: str, seen: set) -> Iterator[Target]:
    if kind == ItemKind.DOCUMENT:
        found = [
            Target(row.key, category, kind, row=row, redirect=bool(row.file_url))
            for row in document_sheet(raw, page)
        ]
    else:
        found = [
            Target(normalise_url(item.url), category, kind, page=item, redirect=False)
            for item in qa_sheet(raw, page)
        ]
    for target in found:
        if target.url not in seen:
            seen.add(target.url)
            yield target


def profile_url(profile: SourceProfile, url: str) -> str:
    return normalise_url(urljoin(profile.base_url, url))


def check_start(profile: SourceProfile, user, dry_run: bool) -> None:
    if not profile.sources:
        raise ImportRefused("Nguồn chưa khai báo trang danh sách, RSS hay sitemap nào.")
    if not dry_run:
        cache: dict = {}
        for source in profile.sources:
            if source.get("kind", ItemKind.ARTICLE) == ItemKind.ARTICLE:
                category_for(profile, source.get("category", ""), cache)
    if profile.publish and not dry_run and not has_role(user, profile.tenant_id, PUBLISHING_ROLES):
        raise ImportRefused(
            "Nguồn này đăng ngay các mục nhập: cần chạy bằng tài khoản người duyệt của đơn vị."
        )


Progress = Callable[[int, int], None]


def run(run_obj: ImportRun, *, user=None, progress: Progress | None = None) -> Report:
    """Carry out one run (dry or real). Per-item failures are journalled, never raised."""
    profile = run_obj.profile
    report = Report(dry_run=run_obj.dry_run)
    check_start(profile, user, run_obj.dry_run)
    fetcher = fetcher_for(profile)
    started = time.monotonic()
    if not run_obj.dry_run:
        ImportRun.objects.filter(pk=run_obj.pk).update(
            state=RunState.RUNNING, started_at=timezone.now()
        )
    targets = list(discover(profile, fetcher, report.problems))
    if profile.max_items:
        targets = targets[: profile.max_items]
    if not run_obj.dry_run:
        ImportRun.objects.filter(pk=run_obj.pk).update(total=len(targets))
    journal = {
        item.source_url: item
        for item in ImportItem.objects.filter(
            profile=profile, source_url__in=[t.url for t in targets]
        )
    }
    categories: dict = {}
    seen_hashes: dict[str, str] = {}
    ctx = WriteContext.make(profile, run_obj, fetcher, user)
    for index, target in enumerate(targets, 1):
        known = journal.get(target.url)
        # A duplicate (SKIPPED, with its redirect) is as finished as an imported page.
        finished = known is not None and known.state in (ItemState.DONE, ItemState.SKIPPED)
        if finished and not run_obj.update_done and not run_obj.dry_run:
            report.skipped += 1
            report.found[target.category] += 1
        elif run_obj.dry_run:
            preview(fetcher, profile, target, report, seen_hashes)
        elif target.row is not None:
            import_document(ctx, target, known, report)
        else:
            import_page(ctx, target, known, categories, report, seen_hashes)
        if progress:
            progress(index, len(targets))
        if not run_obj.dry_run and index % 20 == 0:
            _save_counts(run_obj, report, index)
    if not run_obj.dry_run:
        report.links_rewritten = rewrite_links(profile, run_obj)
        caching.bump_on_change(profile.tenant_id, profile.tenant.parent_id)
    report.seconds = time.monotonic() - started
    if not run_obj.dry_run:
        _save_counts(run_obj, report, len(targets))
    return report


def _save_counts(run_obj: ImportRun, report: Report, processed: int) -> None:
    ImportRun.objects.filter(pk=run_obj.pk).update(
        processed=processed,
        created=report.created,
        updated=report.updated,
        skipped=report.skipped,
        failed=report.failed,
    )
