"""One target of a run: previewed (dry run) or imported, and journalled either way."""

from __future__ import annotations

import hashlib
import io

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image as PILImage

from portal.rules import RuleError

from .common import PAGE_ERRORS, ImportRefused, Report, Target, _readable, category_for, read_page
from .encoding import EncodingError
from .fetch import FetchError
from .models import ImportItem, ItemKind, ItemState
from .structured import (
    document_path,
    inquiry_path,
    split_qa,
    write_document,
    write_inquiry,
)
from .writer import (
    ARTICLE_LABEL,
    WriteContext,
    content_hash,
    new_path,
    record_old_url,
    write_article,
)

DOCUMENT_LABEL = "documents.document"
INQUIRY_LABEL = "dialogue.inquiry"
# Failures of one item: journalled with their message, the run goes on.
ITEM_ERRORS = (ValidationError, RuleError, ImportRefused, FetchError, ValueError)


def preview(fetcher, profile, target: Target, report: Report, seen_hashes: dict) -> None:
    """What the import would do with one target, found by reading only."""
    report.found[target.category] += 1
    if target.row is not None:
        row = target.row
        report.samples[target.category].append((f"{row.number} {row.summary}", row.issued_on))
        if not target.row.file_url:
            report.problems.append(f"{target.url}: văn bản không có tệp đính kèm.")
        return
    try:
        extracted = target.page or read_page(fetcher, profile, target.url)
    except (FetchError, EncodingError, *PAGE_ERRORS) as exc:
        report.problems.append(f"{target.url}: {_readable(exc)}")
        return
    report.samples[target.category].append((extracted.title, extracted.published_at))
    report.problems += [f"{target.url}: {p}" for p in extracted.problems]
    if target.kind == ItemKind.QA:
        try:
            split_qa(extracted)
        except ValueError as exc:
            report.problems.append(f"{target.url}: {exc}")
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


def _existing(ctx: WriteContext, known: ImportItem | None, label: str):
    if not known or known.target_label != label or not known.target_id:
        return None
    model = apps.get_model(label)
    return model.objects.filter(pk=known.target_id, tenant_id=ctx.profile.tenant_id).first()


def _fail(ctx, target, report: Report, message: str, title: str = "") -> None:
    report.failed += 1
    report.problems.append(f"{target.url}: {message}")
    _journal(ctx, target, state=ItemState.FAILED, message=message, title=title[:300])


def _write(ctx, target, report, known, label, title, digest, make, path_of) -> str | None:
    """Write one item in one transaction with its redirect and journal row; a failure
    rolls it back, deletes the files it stored and is journalled."""
    existing = _existing(ctx, known, label)
    try:
        with transaction.atomic():
            obj = make(existing)
            path = path_of(obj)
            if target.redirect:
                record_old_url(ctx, target.url, path)
            _journal(
                ctx,
                target,
                state=ItemState.DONE,
                title=title[:300],
                content_hash=digest,
                target_label=label,
                target_id=obj.pk,
                new_path=path,
                message=" ".join(ctx.problems),
            )
    except ITEM_ERRORS as exc:
        ctx.discard_files()
        _fail(ctx, target, report, "; ".join(getattr(exc, "messages", None) or [str(exc)]), title)
        return None
    except Exception as exc:  # noqa: BLE001 - one page's surprise must not stop the run
        ctx.discard_files()  # nothing half-written: the transaction rolled back, files go too
        message = f"Lỗi không lường trước khi ghi ({exc.__class__.__name__}): {exc}"[:2000]
        _fail(ctx, target, report, message, title)
        return None
    ctx.new_files = []
    report.problems += [f"{target.url}: {p}" for p in ctx.problems]
    if existing:
        report.updated += 1
    else:
        report.created += 1
    return path


def import_document(ctx, target: Target, known, report: Report) -> None:
    row = target.row
    report.found[target.category] += 1
    report.samples[target.category].append((f"{row.number} {row.summary}", row.issued_on))
    ctx.problems = []
    key = f"{row.number}|{row.issued_on}|{row.summary}|{row.file_url}"
    digest = hashlib.sha256(key.encode()).hexdigest()
    if known and known.state == ItemState.DONE and known.content_hash == digest:
        report.skipped += 1
        return
    _write(
        ctx, target, report, known, DOCUMENT_LABEL, f"{row.number} {row.summary}", digest,
        lambda existing: write_document(ctx, row, existing), document_path,
    )  # fmt: skip


def import_page(ctx, target: Target, known, categories, report: Report, seen: dict) -> None:
    """An article or a Q&A page: fetched, extracted, written (or found a duplicate)."""
    report.found[target.category] += 1
    ctx.problems = []
    try:
        extracted = target.page or read_page(ctx.fetcher, ctx.profile, target.url)
    except (FetchError, EncodingError, *PAGE_ERRORS) as exc:
        _fail(ctx, target, report, str(_readable(exc)))
        return
    report.samples[target.category].append((extracted.title, extracted.published_at))
    if not extracted.title or "Nội dung trống." in extracted.problems:
        _fail(ctx, target, report, " ".join(extracted.problems), extracted.title)
        return
    digest = content_hash(extracted)
    if known and known.state == ItemState.DONE and known.content_hash == digest:
        report.skipped += 1
        return
    twin = seen.get(digest) or (
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
    ctx.problems = list(extracted.problems)
    if target.kind == ItemKind.QA:
        label, path_of = INQUIRY_LABEL, inquiry_path

        def make(existing):
            return write_inquiry(ctx, extracted, existing)
    else:
        label, path_of = ARTICLE_LABEL, new_path

        def make(existing):
            category = category_for(ctx.profile, target.category, categories)
            return write_article(ctx, extracted, category, existing)

    path = _write(ctx, target, report, known, label, extracted.title, digest, make, path_of)
    if path:
        seen[digest] = path
