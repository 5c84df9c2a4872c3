"""Version 1 of the public read API: the NinjaAPI object, its error handlers, the
OpenAPI 3.1 document (errors declared as problem+json) and the JSON index at /api/v1/.

Versioning rule: v1 never breaks. Fields and endpoints are only ever added; a change
that would remove or retype a field goes to /api/v2/ while v1 keeps answering.
"""

import logging

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError

from portal.licence import OPEN_DATA_LICENCE as LICENCE

from .answers import respond, strict
from .endpoints import content, dialogue, disclosure, documents, downtime, procedures
from .endpoints.common import Lang
from .endpoints.disclosure import XLSX
from .problems import PROBLEM_TYPE, ApiError, from_error, problem

logger = logging.getLogger(__name__)

DESCRIPTION = """Read-only API of everything this site publishes, without an account.

* Every list is cursor-paginated: follow `next` (or pass `next_cursor` as `cursor`).
* `scope=site` (default) answers this host's site only; `scope=subtree` adds every site
  below it (on the provincial portal: the whole province).
* `lang=en` answers in English (items without English text are left out).
* `updated_since` (ISO 8601) lets a consumer sync incrementally.
* Answers carry `ETag` and `Last-Modified`; send `If-None-Match` to get `304`.
* Errors are `application/problem+json` (RFC 9457) in the requested language.
* Anonymous clients are rate-limited per minute (`429` with `Retry-After`); registered
  consumers send `Authorization: Bearer <token>` for their own limit.
* v1 never breaks: fields and endpoints are only added.
"""


class PortalApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["info"]["license"] = {"name": LICENCE.title, "url": LICENCE.url}
        return declare_problems(schema)


api = PortalApi(
    title="Govportal public API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api_v1",
    docs_url=None,  # the docs page is ours (api/views.py), from vendored static files
)


def _problem_response(description: str) -> dict:
    return {
        "description": description,
        "content": {PROBLEM_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
}


def declare_problems(schema: dict) -> dict:
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            ok = responses.get(200) or responses.get("200")
            if ok is not None:
                ok["headers"] = {
                    "ETag": {"schema": {"type": "string"}},
                    "Last-Modified": {"schema": {"type": "string"}},
                }
            if path.endswith("/table") and ok is not None:
                ok.setdefault("content", {})["text/csv"] = {"schema": {"type": "string"}}
                ok["content"][XLSX] = {"schema": {"type": "string", "format": "binary"}}
            responses["304"] = {"description": "Not Modified (If-None-Match matched the ETag)"}
            responses["400"] = _problem_response("Bad request: unknown or invalid parameter")
            responses["401"] = _problem_response("Tampered, unknown or revoked token")
            if "{" in path:
                responses["404"] = _problem_response("No such published item")
            elif "404" not in responses:
                responses["404"] = _problem_response("A filter names something that is not there")
            responses["406"] = _problem_response("Accept names no type this API serves")
            responses["414"] = _problem_response("Query string too long")
            responses["429"] = {
                **_problem_response("Rate limit exceeded"),
                "headers": {"Retry-After": {"schema": {"type": "string"}}},
            }
    return schema


@api.exception_handler(ApiError)
def on_api_error(request: HttpRequest, exc: ApiError):
    return from_error(request, exc)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError):
    errors = []
    names = []
    for error in exc.errors[:10]:
        location = [str(part) for part in error.get("loc", ())]
        name = location[-1] if location else ""
        names.append(name)
        errors.append({"parameter": name[:60], "message": str(error.get("msg", ""))[:200]})
    detail = _("Giá trị không hợp lệ cho tham số: %(names)s.") % {
        "names": ", ".join(n[:40] for n in names if n) or "?"
    }
    return problem(request, 400, detail, errors=errors)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404):
    return problem(request, 404, _("Không tìm thấy mục này (hoặc mục chưa công khai)."))


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError):
    return problem(request, exc.status_code, str(exc)[:300])


@api.exception_handler(Exception)
def on_error(request: HttpRequest, exc: Exception):
    logger.exception("API error on %s", request.path)
    return problem(request, 500, _("Lỗi hệ thống; vui lòng thử lại sau."))


# --- the index ------------------------------------------------------------------------
class Endpoint(Schema):
    name: str
    url: str
    description: str


class License(Schema):
    id: str
    spdx: str
    title: str
    url: str


class Index(Schema):
    site: str
    api_version: str
    openapi: str
    docs: str
    endpoints: list[Endpoint]
    open_data: str
    license: License


ENDPOINTS = [
    ("sites", "/api/v1/sites", gettext_lazy("Các trang của cây đơn vị")),
    ("categories", "/api/v1/categories", gettext_lazy("Chuyên mục tin bài")),
    ("articles", "/api/v1/articles", gettext_lazy("Tin bài đã đăng")),
    ("documents", "/api/v1/documents", gettext_lazy("Văn bản pháp quy, chỉ đạo điều hành")),
    ("consultations", "/api/v1/consultations", gettext_lazy("Dự thảo lấy ý kiến")),
    ("procedures", "/api/v1/procedures", gettext_lazy("Thủ tục hành chính")),
    (
        "records",
        "/api/v1/records",
        gettext_lazy("Thông tin công khai (quy hoạch, ngân sách, dự án…)"),
    ),
    ("statistics", "/api/v1/statistics", gettext_lazy("Chuỗi số liệu thống kê")),
    ("questions", "/api/v1/questions", gettext_lazy("Hỏi đáp đã công khai")),
    ("dialogue_sessions", "/api/v1/dialogue-sessions", gettext_lazy("Đối thoại trực tuyến")),
    ("hotlines", "/api/v1/hotlines", gettext_lazy("Đường dây nóng")),
    (
        "downtime_notices",
        "/api/v1/downtime-notices",
        gettext_lazy("Thông báo tạm ngừng hoạt động (bảo trì theo kế hoạch)"),
    ),
]


@api.get("/", response=Index, summary="Index of the endpoints", tags=["index"])
@strict
def index(request: HttpRequest, lang: Lang = "vi"):
    base = f"{request.scheme}://{request.get_host()}"
    return respond(
        request,
        Index,
        {
            "site": request.tenant.name,
            "api_version": "1",
            "openapi": f"{base}/api/v1/openapi.json",
            "docs": f"{base}/api/v1/docs",
            "open_data": f"{base}/du-lieu-mo/",
            "license": LICENCE.as_dict(),
            "endpoints": [
                {"name": name, "url": base + path, "description": str(text)}
                for name, path, text in ENDPOINTS
            ],
        },
    )


api.add_router("/", content.router)
api.add_router("/", documents.router)
api.add_router("/", procedures.router)
api.add_router("/", disclosure.router)
api.add_router("/", dialogue.router)
api.add_router("/", downtime.router)
