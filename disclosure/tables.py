"""Figures tables from CSV/XLSX uploads: parse and validate (every message names the
row and column at fault), save as structured rows, export back with formulas neutralised.

The file layout is one header row, then one row per item: the first column is the
item ("Chỉ tiêu"), an optional column "Đơn vị tính" gives each row's unit, every
other column holds numbers written the Vietnamese way (1.234.567,5).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from portal.files import MB, extension_of

MAX_BYTES = 2 * MB
MAX_UNPACKED_BYTES = 20 * MB
MAX_ROWS = 1000
MAX_COLUMNS = 20
# Anything beyond this is a typing error, not a figure (a province's yearly budget is
# about 10^8 million đồng; 10^15 leaves room for any unit).
ABSURD = Decimal("1e15")
UNIT_HEADERS = {"don vi tinh", "don vi", "dvt"}
KNOWN_UNITS = {
    "đồng",
    "nghìn đồng",
    "triệu đồng",
    "tỷ đồng",
    "%",
    "người",
    "lao động",
    "hộ",
    "ha",
    "m2",
    "km",
    "tấn",
    "con",
    "cơ sở",
    "trường",
    "học sinh",
    "giường bệnh",
    "lượt",
    "dự án",
    "công trình",
    "doanh nghiệp",
    "xã",
    "thôn",
}
# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})*(,\d+)?$")
_PLAIN = re.compile(r"^\d+(,\d+)?$")


class TableError(Exception):
    """The upload is refused; `messages` lists every problem found (row/column named)."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass
class ParsedTable:
    columns: list[str]  # value columns only
    rows: list[dict] = field(default_factory=list)  # {"label", "unit", "values": [str|None]}

    def as_json(self) -> dict:
        return {"columns": self.columns, "rows": self.rows}

    @classmethod
    def from_json(cls, data: dict) -> ParsedTable:
        return cls(columns=list(data["columns"]), rows=list(data["rows"]))


def parse_vn_number(text: str) -> Decimal | None:
    """'1.234.567,5' → Decimal('1234567.5'); '' and '-' → None; raises ValueError."""
    value = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    if value in ("", "-", "–"):
        return None
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1]
    elif value[0] in "-−":
        negative, value = True, value[1:]
    if not (_THOUSANDS.match(value) or _PLAIN.match(value)):
        raise ValueError(value)
    number = Decimal(value.replace(".", "").replace(",", "."))
    return -number if negative else number


def format_vn_number(value: Decimal | str | None) -> str:
    """Decimal('1234567.5') → '1.234.567,5' (the inverse of parse_vn_number)."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    sign = "-" if number < 0 else ""
    integer, _dot, fraction = f"{abs(number):f}".partition(".")
    fraction = fraction.rstrip("0")
    grouped = f"{int(integer):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def _fold(text: str) -> str:
    from tenants.text import fold_vietnamese

    return " ".join(fold_vietnamese(text).lower().split())


def _column_name(index: int) -> str:
    """0 → 'A', 26 → 'AA': what the editor sees in the spreadsheet."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _where(row: int, col: int) -> str:
    return _("dòng %(row)d, cột %(col)s") % {"row": row, "col": _column_name(col)}


# --- reading the file ---------------------------------------------------------------
def _read_csv(data: bytes) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TableError(
            [
                _(
                    "Tệp CSV không dùng bảng mã UTF-8 (lỗi ở dòng %(row)d). Hãy lưu lại tệp "
                    "với “CSV UTF-8” rồi tải lên lại."
                )
                % {"row": line}
            ]
        ) from exc
    if "\x00" in text:
        raise TableError([_("Tệp CSV chứa ký tự nhị phân: đây không phải tệp văn bản.")])
    # The header row decides the separator: Excel in a Vietnamese locale writes ";".
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise TableError([_("Tệp CSV sai cấu trúc: %(error)s") % {"error": exc}]) from exc


def _read_xlsx(upload) -> list[list[object]]:
    import zipfile

    from openpyxl import load_workbook

    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TableError([_("Không đọc được tệp XLSX: tệp hỏng hoặc không phải XLSX.")]) from exc
    if unpacked > MAX_UNPACKED_BYTES:  # a zip bomb: small file, huge sheets inside
        raise TableError(
            [_("Tệp quá lớn: tối đa %(limit)d MB.") % {"limit": MAX_UNPACKED_BYTES // MB}]
        )
    upload.seek(0)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TableError([_("Không đọc được tệp XLSX: tệp hỏng hoặc không phải XLSX.")]) from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[object]] = []
        for index, row in enumerate(sheet.iter_rows(values_only=False)):
            if index > MAX_ROWS + 1:
                break
            cells: list[object] = []
            for col, cell in enumerate(row[: MAX_COLUMNS + 2]):
                if getattr(cell, "data_type", None) == "f":
                    raise TableError(
                        [
                            _(
                                "%(where)s: ô chứa công thức (%(formula)s). Hãy dán giá trị "
                                "thay cho công thức."
                            )
                            % {"where": _where(index + 1, col), "formula": str(cell.value)[:40]}
                        ]
                    )
                cells.append(cell.value)
            rows.append(cells)
        return rows
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _check_text(value: str, row: int, col: int, errors: list[str]) -> str:
    if value.startswith(FORMULA_PREFIXES):
        errors.append(
            _("%(where)s: “%(text)s” bắt đầu bằng ký tự công thức; không được chấp nhận.")
            % {"where": _where(row, col), "text": value[:40]}
        )
    return value[:300]


def _number(value: object, row: int, col: int, errors: list[str], allow_negative: bool):
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float | Decimal):
        number: Decimal | None = Decimal(str(value))
    else:
        text = _cell_text(value)
        if text.startswith(("=", "@", "+")):
            errors.append(
                _("%(where)s: “%(text)s” là công thức; hãy nhập giá trị số.")
                % {"where": _where(row, col), "text": text[:40]}
            )
            return None
        try:
            number = parse_vn_number(text)
        except (ValueError, InvalidOperation):
            errors.append(
                _(
                    "%(where)s: “%(text)s” không phải số viết theo kiểu Việt Nam "
                    "(dấu chấm ngăn nghìn, dấu phẩy thập phân, ví dụ 1.234.567,5)."
                )
                % {"where": _where(row, col), "text": text[:40]}
            )
            return None
    if number is None:
        return None
    if abs(number) >= ABSURD:
        errors.append(_("%(where)s: số quá lớn, hãy kiểm tra lại.") % {"where": _where(row, col)})
    elif number < 0 and not allow_negative:
        errors.append(
            _("%(where)s: số âm không được chấp nhận trong chuyên mục này.")
            % {"where": _where(row, col)}
        )
    return f"{number.normalize():f}"


def parse_table(upload, *, allow_negative: bool = True) -> ParsedTable:
    """Validate an uploaded CSV/XLSX and return its table; raise TableError otherwise."""
    size = getattr(upload, "size", None) or 0
    if not size:
        raise TableError([_("Tệp rỗng, vui lòng chọn tệp khác.")])
    if size > MAX_BYTES:
        raise TableError([_("Tệp quá lớn: tối đa %(limit)d MB.") % {"limit": MAX_BYTES // MB}])
    kind = extension_of(getattr(upload, "name", ""))
    if kind == "csv":
        upload.seek(0)
        raw = _read_csv(upload.read())
    elif kind == "xlsx":
        raw = _read_xlsx(upload)
    else:
        raise TableError([_("Chỉ nhận tệp .csv hoặc .xlsx.")])
    raw = [row for row in raw if any(_cell_text(cell) for cell in row)]
    if not raw:
        raise TableError([_("Tệp không có dữ liệu.")])
    return _validate(raw, allow_negative)


def _validate(raw: list[list[object]], allow_negative: bool) -> ParsedTable:
    errors: list[str] = []
    header = [_cell_text(cell) for cell in raw[0]]
    while header and not header[-1]:
        header.pop()
    if len(header) < 2:
        raise TableError(
            [_("Dòng 1 phải là tiêu đề: cột A là chỉ tiêu, từ cột B trở đi là các cột số liệu.")]
        )
    if len(header) > MAX_COLUMNS:
        raise TableError([_("Tối đa %(max)d cột.") % {"max": MAX_COLUMNS}])
    if len(raw) - 1 > MAX_ROWS:
        raise TableError([_("Tối đa %(max)d dòng số liệu.") % {"max": MAX_ROWS}])
    seen: set[str] = set()
    for col, name in enumerate(header):
        if not name:
            errors.append(_("%(where)s: thiếu tên cột.") % {"where": _where(1, col)})
        elif _fold(name) in seen:
            errors.append(
                _("%(where)s: tên cột “%(name)s” bị trùng.")
                % {"where": _where(1, col), "name": name}
            )
        seen.add(_fold(name))
        _check_text(name, 1, col, errors)
    unit_col = next((i for i, n in enumerate(header) if i and _fold(n) in UNIT_HEADERS), None)
    value_cols = [i for i in range(1, len(header)) if i != unit_col]
    if not value_cols:
        errors.append(_("Dòng 1: cần ít nhất một cột số liệu."))
    table = ParsedTable(columns=[header[i] for i in value_cols])
    for offset, cells in enumerate(raw[1:], start=2):
        cells = list(cells) + [None] * (len(header) - len(cells))
        extra = [c for c in cells[len(header) :] if _cell_text(c)]
        if extra:
            errors.append(_("Dòng %(row)d: có dữ liệu ngoài các cột có tiêu đề.") % {"row": offset})
        label = _check_text(_cell_text(cells[0]), offset, 0, errors)
        if not label:
            errors.append(_("%(where)s: thiếu tên chỉ tiêu.") % {"where": _where(offset, 0)})
        unit = ""
        if unit_col is not None:
            unit = _cell_text(cells[unit_col])
            if unit and unit.lower() not in KNOWN_UNITS:
                errors.append(
                    _("%(where)s: đơn vị tính “%(unit)s” không có trong danh mục (%(known)s).")
                    % {
                        "where": _where(offset, unit_col),
                        "unit": unit[:40],
                        "known": ", ".join(sorted(KNOWN_UNITS)),
                    }
                )
        values = [_number(cells[i], offset, i, errors, allow_negative) for i in value_cols]
        table.rows.append({"label": label, "unit": unit.lower(), "values": values})
        if len(errors) > 50:
            break
    if errors:
        raise TableError(errors[:50])
    return table


# --- saving and exporting ---------------------------------------------------------------
def save_table(record, table: ParsedTable) -> None:
    """Replace the record's figures with the table's, all or nothing."""
    from .models import TableRow

    with transaction.atomic():
        record.table_columns = table.columns
        record.save(update_fields=["table_columns", "updated_at"])
        record.rows.all().delete()
        TableRow.objects.bulk_create(
            TableRow(
                record=record,
                position=position,
                label=row["label"],
                unit=row["unit"],
                values=row["values"],
            )
            for position, row in enumerate(table.rows)
        )


def neutralise(text: str) -> str:
    """Make a text cell inert in spreadsheet programs (OWASP CSV injection advice)."""
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def _export_rows(record, rows) -> tuple[list[str], list[list]]:
    has_unit = any(row.unit for row in rows)
    header = [_("Chỉ tiêu")] + ([_("Đơn vị tính")] if has_unit else []) + record.table_columns
    body = []
    for row in rows:
        values = [Decimal(v) if v not in (None, "") else None for v in row.values]
        body.append([row.label] + ([row.unit] if has_unit else []) + values)
    return [neutralise(h) for h in header], body


def export_csv(record, rows) -> bytes:
    header, body = _export_rows(record, rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for line in body:
        writer.writerow(
            [neutralise(c) if isinstance(c, str) else format_vn_number(c) for c in line]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def export_xlsx(record, rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Du lieu"
    header, body = _export_rows(record, rows)
    sheet.append(header)
    for line in body:
        sheet.append([neutralise(c) if isinstance(c, str) else c for c in line])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never let openpyxl store a text cell as a formula
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
