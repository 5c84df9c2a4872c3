"""CSV and XLSX spreadsheets of documents or Q&A, as a source URL of a profile.

The first row names the columns, in Vietnamese or English, with or without diacritics:
documents — "Số ký hiệu", "Ngày ban hành", "Trích yếu", "Tệp" (a file URL);
Q&A — "Tiêu đề", "Câu hỏi", "Trả lời", "Ngày", "Người hỏi".
"""

from __future__ import annotations

import csv
import html
import io
from urllib.parse import urljoin, urlsplit

from openpyxl import load_workbook

from tenants.text import vn_slugify

from .dates import parse_vn_date
from .extract import Extracted
from .structured import DocumentRow

COLUMNS = {
    "number": ("so-ky-hieu", "so-hieu", "number"),
    "date": ("ngay-ban-hanh", "ngay", "ngay-hoi", "ngay-tra-loi", "date"),
    "summary": ("trich-yeu", "summary"),
    "file": ("tep", "tep-dinh-kem", "file", "url"),
    "title": ("tieu-de", "title"),
    "question": ("cau-hoi", "noi-dung-cau-hoi", "question"),
    "answer": ("tra-loi", "noi-dung-tra-loi", "answer"),
    "asker": ("nguoi-hoi", "ho-va-ten", "asker"),
}


class SheetError(ValueError):
    """A spreadsheet that cannot be read; the message is for the operator."""


def is_sheet(url: str) -> bool:
    return urlsplit(url).path.lower().endswith((".csv", ".xlsx"))


def _records(raw: bytes, url: str) -> list[dict[str, str]]:
    if urlsplit(url).path.lower().endswith(".xlsx"):
        try:
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any reader failure: not a workbook
            raise SheetError("Tệp XLSX không đọc được.") from exc
        rows = [
            ["" if v is None else str(v) for v in row]
            for row in book.active.iter_rows(values_only=True)
        ]
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SheetError("Tệp CSV phải ở bảng mã UTF-8.") from exc
        rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return []
    header = [vn_slugify(h or "") for h in rows[0]]
    return [dict(zip(header, (c.strip() for c in row), strict=False)) for row in rows[1:]]


def _get(record: dict[str, str], key: str) -> str:
    return next((record[c] for c in COLUMNS[key] if record.get(c)), "")


def document_sheet(raw: bytes, url: str) -> list[DocumentRow]:
    rows = []
    for record in _records(raw, url):
        number, issued = _get(record, "number"), parse_vn_date(_get(record, "date"))
        if any(ch.isdigit() for ch in number) and issued:  # a header repeat, a note: skipped
            link = _get(record, "file")
            file_url = urljoin(url, link) if link else ""
            rows.append(DocumentRow(number, issued.date(), _get(record, "summary"), file_url, url))
    return rows


def qa_sheet(raw: bytes, url: str) -> list[Extracted]:
    """One page-like item per row with a question and an answer; the key is the row."""
    items = []
    for index, record in enumerate(_records(raw, url), 2):
        question, answer = _get(record, "question"), _get(record, "answer")
        if not question:
            continue
        parts = [f"<p>Người hỏi: {html.escape(a)}</p>" for a in [_get(record, "asker")] if a]
        parts = [f"<p>{html.escape(question)}</p>", *parts]
        if answer:
            parts.append(f"<p>Trả lời: {html.escape(answer)}</p>")
        item = Extracted(url=f"{url}?dong={index}", body="".join(parts))
        item.title = _get(record, "title") or question[:150]
        item.published_at = parse_vn_date(_get(record, "date"))
        items.append(item)
    return items
