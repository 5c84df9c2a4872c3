"""The import pipeline: discover → fetch → extract → write, one old URL at a time.

Each item is written in its own transaction and journalled in ImportItem under its
normalised source URL, so a second run skips what is done (or, with `update_done`,
re-reads it and updates what changed), and a killed run continues where it stopped.
A dry run goes through discovery, fetching and extraction and writes nothing.
"""

from __future__ import annotations

import io
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from lxml import etree
from PIL import Image as PILImage

from content import caching
from content.models import Article, Category
from portal.publishing import PublishingError
from tenants.access import PUBLISHING_ROLES, has_role

from .encoding import EncodingError, decode_page
from .extract import DOCUMENT_EXTENSIONS, Extracted, Selectors, extract_page, feed_links, links_in
from .fetch import Fetcher, FetchError, normalise_url
from .models import ImportItem, ImportRun, ItemKind, ItemState, RunState, SourceProfile
from .writer import (
    ARTICLE_LABEL,
    WriteContext,
    content_hash,
    new_path,
    record_old_url,
    rewrite_links,
    write_article,
)

MAX_LISTING_PAGES = 1000
PAGE_SUFFIXES = (".html", ".htm", ".aspx", ".asp", ".php", ".jsp", "/")


# A page lxml cannot parse at all (empty, binary): reported like a fetch failure.
PAGE_ERRORS = (ValueError, etree.ParserError)


def _readable(exc: Exception) -> Exception:
    if isinstance(exc, (FetchError, EncodingError)):
        return exc
    return FetchError(f"Không đọc được nội dung trang ({exc.__class__.__name__}).")


class ImportRefused(Exception):
    """A run that cannot start (bad profile, no approver to publish); message for users."""


@dataclass
class Target:
    url: str
    category: str
    kind: str


@dataclass
class Report:
    """What a run found and did; printed by the command, stored on the run."""

    dry_run: bool
    found: Counter = field(default_factory=Counter)
    samples: dict = field(default_factory=lambda: defaultdict(list))
    problems: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    links_rewritten: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        head = "Chạy thử — không ghi gì." if self.dry_run else "Kết quả chuyển dữ liệu."
        out = [head]
        for category, count in sorted(self.found.items()):
            out.append(f"Chuyên mục {category}: {count} mục")
            for title, when in self.samples[category][:10]:
                out.append(f"  · {when:%d/%m/%Y} {title}" if when else f"  · (không ngày) {title}")
        if not self.dry_run:
            out.append(
                f"Tạo mới {self.created}, cập nhật {self.updated}, bỏ qua {self.skipped}, "
                f"lỗi {self.failed}, liên kết nội bộ viết lại {self.links_rewritten}."
            )
        total = sum(self.found.values())
        rate = total / self.seconds if self.seconds else 0.0
        out.append(f"{total} mục trong {self.seconds:.1f} giây ({rate:.1f} mục/giây).")
        if self.problems:
            out.append(f"Vấn đề ({len(self.problems)}):")
            out += [f"  ! {p}" for p in self.problems]
        return out


def selectors_of(profile: SourceProfile) -> Selectors:
    return Selectors(
        title=profile.title_selector,
        date=profile.date_selector,
        summary=profile.summary_selector,
        body=profile.body_selector,
        image=profile.image_selector,
        attachment=profile.attachment_selector,
    )


def fetcher_for(profile: SourceProfile) -> Fetcher:
    return Fetcher(
        profile.hostnames(),
        delay=profile.delay_seconds,
        timeout=profile.timeout_seconds,
        max_page_bytes=profile.max_page_bytes,
        max_file_bytes=profile.max_file_bytes,
        respect_robots=profile.respect_robots,
    )


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
            links = feed_links(response.body)  # RSS, Atom or a sitemap, whatever its type says
            if links is None:
                try:
                    text, _enc = decode_page(response.body, response.charset)
                except EncodingError as exc:
                    problems.append(f"Trang danh sách {page}: {exc}")
                    continue
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


def profile_url(profile: SourceProfile, url: str) -> str:
    return normalise_url(urljoin(profile.base_url, url))


def _category(profile: SourceProfile, slug: str, cache: dict) -> Category:
    if slug not in cache:
        category = Category.objects.filter(tenant_id=profile.tenant_id, slug=slug).first()
        if category is None:
            raise ImportRefused(
                f"Chuyên mục “{slug}” không có trên trang đích; hãy tạo trước khi nhập."
            )
        cache[slug] = category
    return cache[slug]


def read_page(fetcher: Fetcher, profile: SourceProfile, url: str) -> Extracted:
    response = fetcher.fetch(url)
    if not response.is_html:
        raise FetchError(
            "Không phải trang HTML (%s): bỏ qua." % (response.content_type or "không rõ loại")
        )
    text, _encoding = decode_page(response.body, response.charset)
    return extract_page(text, response.url, selectors_of(profile))


def check_start(profile: SourceProfile, user, dry_run: bool) -> None:
    if not profile.sources:
        raise ImportRefused("Nguồn chưa khai báo trang danh sách, RSS hay sitemap nào.")
    if not dry_run:
        cache: dict = {}
        for source in profile.sources:
            _category(profile, source.get("category", ""), cache)
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
            _preview(fetcher, profile, target, report, seen_hashes)
        else:
            _import_one(ctx, target, known, categories, report, seen_hashes)
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


def _preview(fetcher, profile, target: Target, report: Report, seen_hashes: dict) -> None:
    report.found[target.category] += 1
    try:
        extracted = read_page(fetcher, profile, target.url)
    except (FetchError, EncodingError, *PAGE_ERRORS) as exc:
        exc = _readable(exc)
        report.problems.append(f"{target.url}: {exc}")
        return
    report.samples[target.category].append((extracted.title, extracted.published_at))
    report.problems += [f"{target.url}: {p}" for p in extracted.problems]
    digest = content_hash(extracted)
    if digest in seen_hashes:
        report.problems.append(f"{target.url}: trùng nội dung với {seen_hashes[digest]}.")
    seen_hashes.setdefault(digest, target.url)
    for url, _alt in extracted.images:
        try:
            data = fetcher.fetch(url, file=True).body
        except FetchError as exc:
            report.problems.append(f"{target.url}: ảnh hỏng — {exc}")
            continue
        if not _decodes(data):
            report.problems.append(f"{target.url}: ảnh hỏng — {url}: không phải tệp ảnh.")


def _decodes(data: bytes) -> bool:
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.verify()
    except Exception:  # noqa: BLE001 - any decoder failure means "not an image"
        return False
    return True


def _journal(ctx: WriteContext, target: Target, **fields) -> None:
    fields.setdefault("message", "")
    ImportItem.objects.update_or_create(
        profile=ctx.profile,
        source_url=target.url,
        defaults={"run": ctx.run, "kind": target.kind, **fields},
    )


def _import_one(ctx, target, known, categories, report: Report, seen_hashes: dict) -> None:
    report.found[target.category] += 1
    ctx.problems = []
    try:
        extracted = read_page(ctx.fetcher, ctx.profile, target.url)
    except (FetchError, EncodingError, *PAGE_ERRORS) as exc:
        exc = _readable(exc)
        report.failed += 1
        report.problems.append(f"{target.url}: {exc}")
        _journal(ctx, target, state=ItemState.FAILED, message=str(exc))
        return
    report.samples[target.category].append((extracted.title, extracted.published_at))
    if not extracted.title or "Nội dung trống." in extracted.problems:
        message = " ".join(extracted.problems)
        report.failed += 1
        report.problems.append(f"{target.url}: {message}")
        _journal(ctx, target, state=ItemState.FAILED, message=message, title=extracted.title[:300])
        return
    digest = content_hash(extracted)
    if known and known.state == ItemState.DONE and known.content_hash == digest:
        report.skipped += 1
        return
    twin = seen_hashes.get(digest) or (
        ImportItem.objects.filter(profile=ctx.profile, content_hash=digest, state=ItemState.DONE)
        .exclude(source_url=target.url)
        .values_list("new_path", flat=True)
        .first()
    )
    if twin and (not known or known.state == ItemState.SKIPPED):
        # The same page under a second old URL: one item, both old URLs lead to it.
        with transaction.atomic():
            record_old_url(ctx, target.url, twin)
            _journal(
                ctx,
                target,
                state=ItemState.SKIPPED,
                title=extracted.title[:300],
                message=f"Trùng nội dung với {twin}: chỉ thêm chuyển hướng.",
                new_path=twin,
            )
        report.skipped += 1
        return
    existing = None
    if known and known.target_label == ARTICLE_LABEL and known.target_id:
        existing = Article.objects.filter(
            pk=known.target_id, tenant_id=ctx.profile.tenant_id
        ).first()
    try:
        with transaction.atomic():
            category = _category(ctx.profile, target.category, categories)
            article = write_article(ctx, extracted, category, existing)
            path = new_path(article)
            record_old_url(ctx, target.url, path)
            problems = extracted.problems + ctx.problems
            _journal(
                ctx,
                target,
                state=ItemState.DONE,
                title=extracted.title[:300],
                content_hash=digest,
                target_label=ARTICLE_LABEL,
                target_id=article.pk,
                new_path=path,
                message=" ".join(problems),
            )
    except (ValidationError, PublishingError, ImportRefused, FetchError) as exc:
        ctx.discard_files()
        message = "; ".join(getattr(exc, "messages", None) or [str(exc)])
        report.failed += 1
        report.problems.append(f"{target.url}: {message}")
        _journal(ctx, target, state=ItemState.FAILED, message=message, title=extracted.title[:300])
        return
    except Exception as exc:  # noqa: BLE001 - one page's surprise must not stop the run
        ctx.discard_files()  # nothing half-written: the transaction rolled back, files go too
        message = f"Lỗi không lường trước khi ghi ({exc.__class__.__name__}): {exc}"[:2000]
        report.failed += 1
        report.problems.append(f"{target.url}: {message}")
        _journal(ctx, target, state=ItemState.FAILED, message=message, title=extracted.title[:300])
        return
    ctx.new_files = []
    seen_hashes[digest] = path
    report.problems += [f"{target.url}: {p}" for p in extracted.problems + ctx.problems]
    if existing:
        report.updated += 1
    else:
        report.created += 1
