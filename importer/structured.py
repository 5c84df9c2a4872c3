"""Legal documents listed in a table of the old site, and Q&A pages: read and written.

A documents table row (number, date, summary, file link) is one item, keyed by its file
URL; it becomes a `documents.Document` (same number in another year: another document,
as the register's key says). A Q&A page (question, "Trả lời" / answer, date) becomes an
answered `dialogue.Inquiry` of the archive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urljoin, urlsplit

import lxml.html
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from content.sanitize import plain_text
from documents.models import Document, DocumentType
from documents.numbers import normalise_number
from portal import publishing
from portal.publishing import PublicationStatus

from .dates import parse_vn_date
from .extract import DOCUMENT_EXTENSIONS, Extracted
from .fetch import FetchError, normalise_url
from .writer import WriteContext, _download, _file_name

_NUMBER = re.compile(r"^\d+[\w./-]*/[\w./-]*[A-ZĐ]", re.U)
# The type of a document from its number's abbreviation ("12/KH-UBND" → Kế hoạch).
TYPE_CODES = {
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "HD": "Hướng dẫn",
    "TTr": "Tờ trình",
    "CV": "Công văn",
}
_ANSWER_MARK = re.compile(r"^\s*(?:trả\s*lời|đáp|ý kiến trả lời)\s*[:.]?", re.I)
_QUESTION_MARK = re.compile(r"^\s*(?:câu\s*hỏi|hỏi|nội dung câu hỏi)\s*[:.]?", re.I)
_ASKER = re.compile(r"(?:người hỏi|họ và tên|người gửi)\s*:\s*([^,.;\n]{2,80})", re.I)


@dataclass
class DocumentRow:
    number: str
    issued_on: date
    summary: str
    file_url: str
    page_url: str

    @property
    def key(self) -> str:
        if self.file_url:
            return normalise_url(self.file_url)
        return f"{self.page_url}?so={quote(self.number)}&nam={self.issued_on.year}"


def _cell_text(cell) -> str:
    return " ".join(cell.text_content().split())


def document_rows(text: str, page_url: str) -> list[DocumentRow]:
    """Rows of the documents tables of a page that have a number and a date."""
    rows = []
    for tr in lxml.html.fromstring(text).iter("tr"):
        cells = [_cell_text(td) for td in tr.findall("td")]
        number = next((c for c in cells if _NUMBER.match(c)), "")
        issued = next((d for c in cells if c != number and (d := parse_vn_date(c))), None)
        if not number or issued is None:
            continue
        others = [c for c in cells if c != number and not parse_vn_date(c)]
        summary = max(others, key=len, default="")
        file_url = ""
        for anchor in tr.iter("a"):
            href = urljoin(page_url, (anchor.get("href") or "").strip())
            if urlsplit(href).path.lower().endswith(DOCUMENT_EXTENSIONS):
                file_url = href
                break
        rows.append(DocumentRow(number, issued.date(), summary, file_url, page_url))
    return rows


def _doc_type(number: str) -> DocumentType:
    code = re.split(r"[-/]", number.split("/", 1)[-1])
    found = next((c for c in code if c in TYPE_CODES), None)
    if found is None and "UBND" in number.upper():
        found = "CV"  # "123/UBND-VP": an official letter
    name = TYPE_CODES.get(found or "", "Văn bản khác")
    doc_type = DocumentType.objects.filter(name_vi=name).first()
    return doc_type or DocumentType.objects.create(name_vi=name, name=name, code=found or "")


def write_document(ctx: WriteContext, row: DocumentRow, existing: Document | None) -> Document:
    tenant = ctx.profile.tenant
    issuer = tenant.governing_body or tenant.name
    if existing is None:  # the same document listed twice (two pages, two tables)
        existing = Document.objects.filter(
            tenant=tenant,
            issuing_body=issuer,
            number_normalised=normalise_number(row.number),
            issued_year=row.issued_on.year,
        ).first()
    doc = existing or Document(tenant=tenant, status=PublicationStatus.DRAFT, issuing_body=issuer)
    doc.number = row.number[:80]
    doc.doc_type = _doc_type(row.number)
    doc.issued_on = row.issued_on
    doc.summary_vi = row.summary or row.number
    fresh = False
    if row.file_url and not doc.file:
        try:
            data = _download(ctx, row.file_url)
            upload = SimpleUploadedFile(_file_name(row.file_url, "van-ban.pdf"), data)
            for check in Document._meta.get_field("file").validators:
                check(upload)  # content, extension and size, as in the admin form
            doc.file, fresh = upload, True
        except FetchError as exc:
            ctx.problems.append(f"Tệp {row.file_url}: {exc}")
        except ValidationError as exc:
            ctx.problems.append(f"Tệp {row.file_url}: {'; '.join(exc.messages)}")
    doc.save()
    if fresh:
        ctx.new_files.append(doc.file.name)
    if ctx.profile.publish and doc.status != PublicationStatus.PUBLISHED:
        publishing.publish(doc, by=ctx.user)
    return doc


def document_path(doc: Document) -> str:
    with translation.override("vi"):
        return doc.get_absolute_url()


def _blocks(html: str) -> list[str]:
    fragment = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    blocks = [plain_text(lxml.html.tostring(el, encoding="unicode")) for el in fragment]
    return [b for b in blocks if b]


def split_qa(extracted: Extracted) -> tuple[str, str, str]:
    """(asker, question, answer) of a Q&A page; ValueError when there is no answer part."""
    blocks = _blocks(extracted.body)
    at = next((i for i, b in enumerate(blocks) if _ANSWER_MARK.match(b)), None)
    if at is None:
        raise ValueError("Không tách được câu hỏi và câu trả lời (thiếu phần “Trả lời”).")
    question = [_QUESTION_MARK.sub("", b, count=1).strip() for b in blocks[:at]]
    answer = [_ANSWER_MARK.sub("", blocks[at], count=1).strip(), *blocks[at + 1 :]]
    asker = _ASKER.search("\n".join(question))
    question = [q for q in question if q and not _ASKER.match(q)]
    text = "\n\n".join(q for q in question if q)
    reply = "\n\n".join(a for a in answer if a)
    if not text or not reply:
        raise ValueError("Câu hỏi hoặc câu trả lời trống.")
    return (asker.group(1).strip() if asker else "Người dân"), text, reply


def write_inquiry(ctx: WriteContext, extracted: Extracted, existing):
    from auditlog.context import set_actor

    from dialogue.models import Inquiry, InquiryKind, InquiryStatus
    from search.indexing import request_reindex

    asker, question, answer = split_qa(extracted)
    when = extracted.published_at
    inquiry = existing or Inquiry(tenant=ctx.profile.tenant, kind=InquiryKind.QUESTION, email="")
    inquiry.name = asker[:120]
    inquiry.title = extracted.title[:200]
    inquiry.content = question[:5000]
    inquiry.answer = answer[:20000]
    inquiry.answer_author = ctx.profile.tenant.name[:200]
    if when:
        inquiry.received_on = when.date()
        inquiry.answered_at = when
    # An archive of answers already public on the old site: no asker to notify, so the
    # inquiry is stored in its final state rather than walked through the workflow.
    published = ctx.profile.publish
    inquiry.status = InquiryStatus.PUBLISHED if published else InquiryStatus.ANSWERED
    inquiry.published_at = (when or inquiry.published_at) if published else None
    with set_actor(ctx.user):
        inquiry.save()
    if published:
        transaction.on_commit(lambda: request_reindex(inquiry))
    return inquiry


def inquiry_path(inquiry) -> str:
    with translation.override("vi"):
        return reverse("dialogue:detail", args=[inquiry.pk])
