"""Writing reports and the audit trail as CSV, XLSX (openpyxl) and PDF (fpdf2, DejaVu Sans
bundled in compliance/fonts so that Vietnamese diacritics render anywhere).

Every text cell goes through `safe_cell`: a value that a spreadsheet would run as a
formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FONT_DIR = Path(__file__).parent / "fonts"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
HEADER_FILL = PatternFill("solid", fgColor="A3161A")
Columns = list[tuple[str, str]]


def safe_cell(value):
    """Neutralise spreadsheet formula injection; dates become naive local time."""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(columns: Columns, rows: Iterable[dict], progress: Callable | None = None) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    writer = csv.writer(buffer)
    writer.writerow([label for _key, label in columns])
    for index, row in enumerate(rows):
        values = [safe_cell(row.get(key)) for key, _label in columns]
        writer.writerow(
            [v.strftime("%d/%m/%Y %H:%M") if isinstance(v, datetime) else v for v in values]
        )
        if progress and index % 500 == 0:
            progress(index)
    return buffer.getvalue().encode("utf-8")


def _sheet(sheet, columns: Columns, rows: Iterable[dict], progress: Callable | None) -> int:
    sheet.append([label for _key, label in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    count = 0
    for count, row in enumerate(rows, start=1):  # noqa: B007 - count is used after the loop
        sheet.append([safe_cell(row.get(key)) for key, _label in columns])
        if progress and count % 500 == 0:
            progress(count)
    for index, (key, _label) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 40 if key in ("summary", "indicator") else 18
        for cell in sheet[letter][1:]:
            if isinstance(cell.value, datetime | date):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(cell.value, float):
                cell.number_format = "0.0"
    sheet.freeze_panes = "A2"
    if count:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    return count


def write_xlsx(
    sheets: list[tuple[str, Columns, Iterable[dict]]],
    summary: list[tuple[str, object]],
    progress: Callable | None = None,
) -> bytes:
    """A workbook with a "Tổng hợp" summary sheet first, then one sheet per table."""
    workbook = Workbook()
    first = workbook.active
    first.title = "Tổng hợp"
    first.append(["Mục", "Giá trị"])
    for cell in first[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    for label, value in summary:
        first.append([safe_cell(label), safe_cell(value)])
    first.column_dimensions["A"].width = 45
    first.column_dimensions["B"].width = 30
    for title, columns, rows in sheets:
        _sheet(workbook.create_sheet(title[:31]), columns, rows, progress)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_pdf(data) -> bytes:
    """The report as a PDF: summary, scores per site, then every indicator result."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"Báo cáo đánh giá — {data.root.name}")
    pdf.set_author(data.root.name)
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 8, "BÁO CÁO ĐÁNH GIÁ TRANG THÔNG TIN ĐIỆN TỬ", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    lines = [
        f"Đơn vị: {data.root.name}",
        f"Kỳ đánh giá: {data.since:%d/%m/%Y} – {data.until:%d/%m/%Y}",
        "Căn cứ: Nghị định 224/2026/NĐ-CP Điều 12 khoản 2 (a) đầy đủ, kịp thời; "
        "(b) truy cập, điều hướng, hiệu năng; (c) mức độ sử dụng.",
        f"Lập lúc: {timezone.localtime():%d/%m/%Y %H:%M}",
    ]
    if data.rollup is not None:
        r = data.rollup
        by_site, by_branch = _fmt(r.by_site.get("score")), _fmt(r.by_branch.get("score"))
        lines.append(
            f"Số trang: {r.sites}, đã đo: {r.measured}. Điểm tổng (mỗi trang một phiếu): "
            f"{by_site}; (mỗi nhánh một phiếu): {by_branch}"
        )
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _table(
        pdf,
        ["Đơn vị", "Thời điểm đo", "Trục a", "Trục b", "Trục c", "Tổng"],
        [
            [
                s["site"],
                s["measured_at"] and f"{timezone.localtime(s['measured_at']):%d/%m/%Y %H:%M}",
                _fmt(s["score_a"]),
                _fmt(s["score_b"]),
                _fmt(s["score_c"]),
                _fmt(s["score"]),
            ]
            for s in data.sites
        ],
        (95, 45, 30, 30, 30, 30),
    )
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(0, 7, "Kết quả từng chỉ số", new_x="LMARGIN", new_y="NEXT")
    _table(
        pdf,
        ["Đơn vị", "Mã", "Chỉ số", "Kết quả", "Tóm tắt", "Căn cứ"],
        [
            [r["site"], r["code"], r["indicator"], r["status"], r["summary"], r["legal_basis"]]
            for r in data.results
        ],
        (45, 24, 70, 24, 70, 44),
    )
    return bytes(pdf.output())


def _fmt(value) -> str:
    return "—" if value is None else f"{value:.1f}"


def _table(pdf, headers: list[str], rows: list[list], widths: tuple[int, ...]) -> None:
    pdf.set_font("DejaVu", "", 8)
    with pdf.table(
        col_widths=widths, text_align="LEFT", line_height=4.5, first_row_as_headings=True
    ) as table:
        heading = table.row()
        for text in headers:
            heading.cell(text)
        for values in rows:
            row = table.row()
            for value in values:
                row.cell("" if value is None else str(value)[:400])
