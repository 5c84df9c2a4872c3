"""CSV and XLSX exports of the results table; spreadsheet formulas are neutralised."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .results import SiteResult, columns

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def safe_cell(value):
    """A text cell that a spreadsheet would run as a formula is prefixed with '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table(rows: list[SiteResult], total: SiteResult) -> list[list]:
    keys = columns()
    header = [
        _("Đơn vị"),
        _("Số phiếu khảo sát"),
        *[label for _key, label in keys],
        _("Đánh giá trang: hữu ích"),
        _("Đánh giá trang: không hữu ích"),
    ]
    body = [
        [
            row.name,
            row.responses,
            *[row.counts.get(key, 0) for key, _label in keys],
            row.useful,
            row.not_useful,
        ]
        for row in [*rows, total]
    ]
    return [[str(cell) for cell in header], *body]


def to_csv(data: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([safe_cell(cell) for cell in row] for row in data)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8


def to_xlsx(data: list[list], title: str = "Ket qua") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row in data:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
