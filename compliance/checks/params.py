"""The parameters a check reads, declared next to the check: their type, default, limits
and Vietnamese label. The check reads them through `CheckContext.param`, which applies
these defaults and types; the admin builds its form fields from the same declarations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _


class Kind:
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    STR = "str"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"  # a list of some of the choices
    LINES = "lines"  # a list of texts, one a line in the form
    PATH = "path"  # a page of the site: "/gioi-thieu/"
    PATHS = "paths"
    DATE = "date"  # stored as ISO "2026-12-31"


LIST_KINDS = (Kind.MULTICHOICE, Kind.LINES, Kind.PATHS)


class ParamError(ValueError):
    """A stored or typed value that does not fit its declaration; the message is for staff."""


class UndeclaredParam(KeyError):
    """A check read a parameter it does not declare: a programming error."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    label: str | Promise
    default: Any = None
    help: str | Promise = ""
    min: float | None = None
    max: float | None = None
    choices: tuple[tuple[str, str | Promise], ...] = ()
    required: bool = False

    def default_value(self) -> Any:
        return list(self.default) if isinstance(self.default, list | tuple) else self.default

    def coerce(self, raw: Any) -> Any:
        """The typed value of a stored (JSON) or typed value; ParamError when it does not fit."""
        if self.kind in LIST_KINDS:
            items = raw.splitlines() if isinstance(raw, str) else raw
            if not isinstance(items, list | tuple):
                raise ParamError(_("Cần một danh sách."))
            return [self._coerce_item(item) for item in items if str(item).strip()]
        return self._coerce_item(raw)

    def _coerce_item(self, raw: Any) -> Any:
        kind = self.kind
        if kind == Kind.BOOL:
            if isinstance(raw, bool):
                return raw
            if str(raw).strip().lower() in ("true", "1", "có"):
                return True
            if str(raw).strip().lower() in ("false", "0", "không"):
                return False
            raise ParamError(_("Chọn Có hoặc Không."))
        if kind in (Kind.INT, Kind.FLOAT):
            return self._number(raw)
        if kind == Kind.DATE:
            try:
                return raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip())
            except ValueError:
                raise ParamError(_("Nhập ngày dạng năm-tháng-ngày, ví dụ 2026-12-31.")) from None
        if isinstance(raw, dict | list | bool) or raw is None:
            raise ParamError(_("Cần một đoạn chữ."))
        text = str(raw).strip()
        allowed = {value for value, _label in self.choices}
        if kind in (Kind.CHOICE, Kind.MULTICHOICE) and text not in allowed:
            raise ParamError(_("“%(value)s” không có trong danh sách chọn.") % {"value": text})
        if kind in (Kind.PATH, Kind.PATHS) and not text.startswith("/"):
            raise ParamError(
                _("Đường dẫn phải bắt đầu bằng “/”, ví dụ /gioi-thieu/ (nhận được “%(value)s”).")
                % {"value": text}
            )
        return text

    def _number(self, raw: Any) -> int | float:
        if isinstance(raw, bool):
            raise ParamError(_("Cần một số."))
        text = str(raw).strip().replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise ParamError(_("Cần một số, nhận được “%(value)s”.") % {"value": raw}) from None
        if not math.isfinite(value):
            raise ParamError(_("Cần một số."))
        if self.kind == Kind.INT:
            if value != int(value):
                raise ParamError(_("Cần một số nguyên."))
            value = int(value)
        if self.min is not None and value < self.min:
            raise ParamError(_("Nhỏ nhất là %(min)s.") % {"min": _number_text(self.min)})
        if self.max is not None and value > self.max:
            raise ParamError(_("Lớn nhất là %(max)s.") % {"max": _number_text(self.max)})
        return value

    def to_json(self, value: Any) -> Any:
        """The value as stored in the indicator's JSON."""
        return value.isoformat() if self.kind == Kind.DATE else value


def _number_text(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def is_blank(raw: Any) -> bool:
    return raw is None or raw == "" or raw == [] or raw == ()


def read(declared: dict[str, Param], params: dict[str, Any], name: str) -> Any:
    """The typed value of `name` in stored `params`, its default when absent or blank."""
    try:
        param = declared[name]
    except KeyError:
        raise UndeclaredParam(name) from None
    raw = params.get(name)
    if is_blank(raw):
        if param.required:
            # An indicator saved before its parameters were filled in: not measured.
            raise ParamError(_("Thiếu tham số bắt buộc “%(name)s”.") % {"name": name})
        return param.default_value()
    return param.coerce(raw)


def errors(declared: tuple[Param, ...], params: Any) -> dict[str, str]:
    """What is wrong with stored `params` for these declarations, per parameter name.
    Keys no declaration names are not errors: they are kept as they are."""
    if not isinstance(params, dict):
        return {"": _("Tham số phải là các cặp tên: giá trị.")}
    problems = {}
    for param in declared:
        raw = params.get(param.name)
        if is_blank(raw):
            if param.required:
                problems[param.name] = _("Bắt buộc nhập.")
            continue
        try:
            param.coerce(raw)
        except ParamError as error:
            problems[param.name] = str(error)
    return problems
