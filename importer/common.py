"""What the pipeline's steps share: targets, the report, reading one page, refusals."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from lxml import etree

from content.models import Category

from .encoding import EncodingError, decode_page
from .extract import Extracted, Selectors, extract_page
from .fetch import Fetcher, FetchError
from .models import SourceProfile
from .structured import DocumentRow

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
    row: DocumentRow | None = None  # a documents table row: the item is the row itself
    page: Extracted | None = None  # already read (a WXR export): not fetched again
    redirect: bool = True  # False for a spreadsheet row: no old URL of its own


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


def category_for(profile: SourceProfile, slug: str, cache: dict) -> Category:
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
