"""Errors of the public API as RFC 9457 problem details (``application/problem+json``),
in the reader's language: every bad input gets a clear message, never a 500."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

PROBLEM_TYPE = "application/problem+json"


class ApiError(Exception):
    """Raised anywhere below an endpoint; the API turns it into a problem answer."""

    def __init__(self, status: int, detail: str, *, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def titles() -> dict[int, str]:
    return {
        400: _("Yêu cầu không hợp lệ"),
        401: _("Mã truy cập không hợp lệ"),
        403: _("Không được phép"),
        404: _("Không tìm thấy"),
        405: _("Phương thức không được hỗ trợ"),
        406: _("Định dạng không được hỗ trợ"),
        414: _("Địa chỉ yêu cầu quá dài"),
        429: _("Quá nhiều yêu cầu"),
        500: _("Lỗi hệ thống"),
        503: _("Dịch vụ tạm thời gián đoạn"),
    }


def problem(
    request: HttpRequest | None,
    status: int,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    errors: list[dict] | None = None,
) -> HttpResponse:
    body: dict = {
        "type": "about:blank",
        "title": titles().get(status, _("Lỗi")),
        "status": status,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.path[:300]
    if errors:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=f"{PROBLEM_TYPE}; charset=utf-8",
    )
    for name, value in (headers or {}).items():
        response[name] = value
    response["Cache-Control"] = "no-store" if status in (401, 429) else "public, max-age=60"
    return response


def from_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    return problem(request, error.status, error.detail, headers=error.headers)
