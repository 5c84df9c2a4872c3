"""Reading an export (JSON or CSV, schema in docs/procedures.md) into checked records.

Every record is validated before anything is written; a problem names the record
(its position and code) and the field at fault.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from tenants.text import fold_vietnamese, vn_slugify

from .models import Level, OnlineLevel

# field -> max length (None: long text). Lengths follow the model columns.
TEXT_FIELDS: dict[str, int | None] = {
    "code": 50,
    "name": 600,
    "name_en": 600,
    "field_code": 50,
    "field_name": 255,
    "field_name_en": 255,
    "agency_name": 255,
    "agency_tenant": 60,
    "level": 20,
    "online_level": 20,
    "processing_time": 5000,
    "fees": 5000,
    "steps": 20000,
    "method": 10000,
    "requirements": 20000,
    "result": 5000,
    "partial_reason": 5000,
    "submission_url": 500,
}
REQUIRED = ("code", "name", "field_code", "field_name", "agency_name", "level", "online_level")
LIST_FIELDS = ("implementing_tenants", "dossier", "legal_basis")
DOSSIER_KEYS = {"name": None, "quantity": 100, "form_name": 255, "form_url": 500}
LEGAL_KEYS = {"number": 100, "title": 1000}
MAX_LIST_ITEMS = 200
_url = URLValidator(schemes=["http", "https"])
_CODE = re.compile(r"[A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Problem:
    record: int  # 1-based position in the file; 0 for the file as a whole
    code: str
    field: str
    message: str

    def __str__(self) -> str:
        if not self.record:
            return self.message
        return _("Bản ghi %(n)d (mã %(code)s), trường “%(field)s”: %(message)s") % {
            "n": self.record,
            "code": self.code or "?",
            "field": self.field,
            "message": self.message,
        }


class InvalidExport(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]))


@dataclass
class Record:
    """One checked procedure record, ready to write."""

    code: str
    values: dict[str, Any]
    tenants: list[str]
    dossier: list[dict[str, str]]
    legal_basis: list[dict[str, str]]
    hash: str = ""
    position: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


# --- parsing ------------------------------------------------------------------------
def parse(data: bytes, filename: str = "") -> list[dict[str, Any]]:
    """Raw records from JSON (a list, or {"procedures": [...]}) or CSV (one row a record)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidExport(
            [
                Problem(
                    0,
                    "",
                    "",
                    _(
                        "Tệp không phải UTF-8 (byte lỗi ở vị trí %(pos)d). "
                        "Hãy lưu lại tệp với mã hóa UTF-8."
                    )
                    % {"pos": exc.start},
                )
            ]
        ) from exc
    stripped = text.lstrip()
    is_json = filename.lower().endswith(".json") or stripped[:1] in ("[", "{")
    return _parse_json(text) if is_json else _parse_csv(text)


def _parse_json(text: str) -> list[dict[str, Any]]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidExport(
            [
                Problem(
                    0,
                    "",
                    "",
                    _("JSON không hợp lệ ở dòng %(line)d, cột %(col)d: %(msg)s")
                    % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg},
                )
            ]
        ) from exc
    if isinstance(payload, dict):
        payload = payload.get("procedures")
    if not isinstance(payload, list):
        raise InvalidExport(
            [
                Problem(
                    0, "", "", _('JSON phải là một danh sách thủ tục hoặc {"procedures": [...]}.')
                )
            ]
        )
    return payload


def _parse_csv(text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "code" not in [f.strip() for f in reader.fieldnames]:
        raise InvalidExport(
            [
                Problem(
                    0,
                    "",
                    "",
                    _("CSV phải có dòng tiêu đề với cột “code” (xem docs/procedures.md)."),
                )
            ]
        )
    rows = []
    try:
        for row in reader:
            if None in row:
                raise InvalidExport(
                    [
                        Problem(
                            reader.line_num,
                            row.get("code", ""),
                            "",
                            _("dòng có nhiều cột hơn tiêu đề."),
                        )
                    ]
                )
            row = {k.strip(): (v or "") for k, v in row.items()}
            for key in ("implementing_tenants",):
                row[key] = [
                    s.strip() for s in row.get(key, "").replace(",", ";").split(";") if s.strip()
                ]
            row["dossier"] = [
                _split_line(line, DOSSIER_KEYS) for line in _lines(row.get("dossier", ""))
            ]
            row["legal_basis"] = [
                _split_line(line, LEGAL_KEYS) for line in _lines(row.get("legal_basis", ""))
            ]
            rows.append(row)
    except csv.Error as exc:
        raise InvalidExport(
            [
                Problem(
                    0,
                    "",
                    "",
                    _("CSV không hợp lệ ở dòng %(line)d: %(msg)s")
                    % {"line": reader.line_num, "msg": exc},
                )
            ]
        ) from exc
    return rows


def _lines(cell: str) -> list[str]:
    return [line.strip() for line in cell.splitlines() if line.strip()]


def _split_line(line: str, keys: dict[str, int | None]) -> dict[str, str]:
    parts = [p.strip() for p in line.split("|")]
    return dict(zip(keys, parts, strict=False))


# --- validation ---------------------------------------------------------------------
def validate(raw: list[Any], known_tenants: set[str]) -> list[Record]:
    """Check every record; raise InvalidExport with all problems, or return the records."""
    problems: list[Problem] = []
    records: list[Record] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(raw, start=1):
        record_problems: list[Problem] = []
        record = _check(position, item, known_tenants, record_problems)
        if record is not None and record.code:
            if record.code in seen:
                record_problems.append(
                    Problem(
                        position,
                        record.code,
                        "code",
                        _("mã trùng với bản ghi %(n)d.") % {"n": seen[record.code]},
                    )
                )
            else:
                seen[record.code] = position
        problems.extend(record_problems)
        if record is not None and not record_problems:
            records.append(record)
    if problems:
        raise InvalidExport(problems)
    if not records:
        raise InvalidExport(
            [
                Problem(
                    0, "", "", _("Tệp không có thủ tục nào: không thể đồng bộ một danh mục rỗng.")
                )
            ]
        )
    return records


def _check(position: int, item: Any, tenants: set[str], problems: list[Problem]) -> Record | None:
    if not isinstance(item, dict):
        problems.append(Problem(position, "", "", _("bản ghi phải là một đối tượng JSON.")))
        return None
    code = item.get("code")
    code = str(code).strip() if isinstance(code, str | int | float) else ""

    def bad(field_name: str, message: str) -> None:
        problems.append(Problem(position, code, field_name, message))

    values: dict[str, Any] = {}
    for name, limit in TEXT_FIELDS.items():
        value = item.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            bad(name, _("phải là chuỗi ký tự."))
            continue
        value = value.strip()
        if limit and len(value) > limit:
            bad(name, _("dài %(len)d ký tự, tối đa %(max)d.") % {"len": len(value), "max": limit})
        if "\x00" in value:
            bad(name, _("chứa ký tự không hợp lệ."))
        values[name] = value
    for name in REQUIRED:
        if name in values and not values[name]:
            bad(name, _("bắt buộc, đang để trống."))
    if code and not _CODE.fullmatch(code):
        bad(
            "code",
            _("chỉ gồm chữ cái không dấu, chữ số và các dấu . - _ (mã nằm trong địa chỉ trang)."),
        )
    if values.get("level") and values["level"] not in Level.values:
        bad(
            "level",
            _("“%(v)s” không phải cấp thực hiện hợp lệ; dùng một trong: %(ok)s.")
            % {"v": values["level"], "ok": ", ".join(Level.values)},
        )
    online = values.get("online_level")
    if online and online not in OnlineLevel.values:
        bad(
            "online_level",
            _("“%(v)s” không hợp lệ; dùng một trong: %(ok)s.")
            % {"v": online, "ok": ", ".join(OnlineLevel.values)},
        )
    if online == OnlineLevel.PARTIAL and not values.get("partial_reason"):
        bad("partial_reason", _("bắt buộc khi thủ tục chỉ trực tuyến một phần."))
    if online in (OnlineLevel.FULL, OnlineLevel.PARTIAL) and not values.get("submission_url"):
        bad("submission_url", _("bắt buộc khi thủ tục có dịch vụ công trực tuyến."))
    _check_url(values.get("submission_url", ""), "submission_url", bad)
    if values.get("agency_tenant") and values["agency_tenant"] not in tenants:
        bad(
            "agency_tenant",
            _("không có đơn vị “%(v)s” trong cây đơn vị của nguồn.")
            % {"v": values["agency_tenant"]},
        )

    lists = {}
    for name in LIST_FIELDS:
        value = item.get(name) or []
        if not isinstance(value, list):
            bad(name, _("phải là một danh sách."))
            value = []
        if len(value) > MAX_LIST_ITEMS:
            bad(name, _("quá %(max)d phần tử.") % {"max": MAX_LIST_ITEMS})
            value = []
        lists[name] = value
    implementing = []
    for slug in lists["implementing_tenants"]:
        if not isinstance(slug, str) or slug.strip() not in tenants:
            bad(
                "implementing_tenants",
                _("không có đơn vị “%(v)s” trong cây đơn vị của nguồn.") % {"v": slug},
            )
        elif slug.strip() not in implementing:
            implementing.append(slug.strip())
    if not implementing:
        bad("implementing_tenants", _("cần ít nhất một đơn vị thực hiện."))
    dossier = _check_items(lists["dossier"], DOSSIER_KEYS, "dossier", bad)
    legal = _check_items(lists["legal_basis"], LEGAL_KEYS, "legal_basis", bad)
    for i, item_ in enumerate(dossier, start=1):
        if not item_.get("name"):
            bad(f"dossier[{i}].name", _("bắt buộc, đang để trống."))
        _check_url(item_.get("form_url", ""), f"dossier[{i}].form_url", bad)
    for i, item_ in enumerate(legal, start=1):
        if not item_.get("number") and not item_.get("title"):
            bad(f"legal_basis[{i}]", _("cần số ký hiệu hoặc trích yếu."))
    record = Record(
        code=code,
        values=values,
        tenants=sorted(implementing),
        dossier=dossier,
        legal_basis=legal,
        position=position,
    )
    record.hash = _hash(record)
    return record


def _check_items(
    items: list[Any], keys: dict[str, int | None], name: str, bad
) -> list[dict[str, str]]:
    checked = []
    for i, entry in enumerate(items, start=1):
        if not isinstance(entry, dict):
            bad(f"{name}[{i}]", _("phải là một đối tượng."))
            continue
        clean = {}
        for key, limit in keys.items():
            value = entry.get(key) or ""
            if not isinstance(value, str):
                bad(f"{name}[{i}].{key}", _("phải là chuỗi ký tự."))
                continue
            value = value.strip()
            if len(value) > (limit or 5000):
                bad(
                    f"{name}[{i}].{key}",
                    _("dài %(len)d ký tự, tối đa %(max)d.")
                    % {"len": len(value), "max": limit or 5000},
                )
            clean[key] = value
        checked.append(clean)
    return checked


def _check_url(value: str, name: str, bad) -> None:
    if not value:
        return
    try:
        _url(value)
    except ValidationError:
        bad(name, _("“%(v)s” không phải địa chỉ http(s) hợp lệ.") % {"v": value[:100]})


def _hash(record: Record) -> str:
    canonical = json.dumps(
        [record.values, record.tenants, record.dossier, record.legal_basis],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def search_text(values: dict[str, str], field_name: str) -> str:
    parts = [
        values["code"],
        values["name"],
        values.get("name_en", ""),
        field_name,
        values["agency_name"],
    ]
    return fold_vietnamese(" ".join(p for p in parts if p)).lower()


def sort_key(name: str) -> str:
    return fold_vietnamese(name).lower()[:600]


def agency_slug(name: str) -> str:
    return vn_slugify(name, max_length=255)
