"""A read-only subset of CKAN's action API (v3), enough for national open-data portals to
harvest this catalogue: package_list, package_show, package_search, organization_list,
organization_show, license_list and status_show, answered and failing in CKAN's shape
(``{"help", "success", "result"}`` or ``{"help", "success": false, "error": {...}}``)."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from portal.antiabuse import rate_limited
from portal.licence import OPEN_DATA_LICENCE as LICENCE

from . import catalogue as catalogue_module
from .dcat import package
from .views import base_url

MAX_ROWS = 1000
MAX_BODY = 10_000


class CkanError(Exception):
    def __init__(self, status: int, kind: str, message: str | None = None, **fields):
        super().__init__(message or kind)
        self.status = status
        self.error = {"__type": kind, **({"message": message} if message else {}), **fields}


def _help(request: HttpRequest, action: str) -> str:
    return f"{base_url(request)}/api/3/action/help_show?name={action[:40]}"


def _params(request: HttpRequest) -> dict:
    """GET parameters, or a POSTed JSON object (the way the ckanapi client calls)."""
    if request.method == "POST" and request.body:
        if len(request.body) > MAX_BODY:
            raise CkanError(400, "Validation Error", "Request body too large")
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            raise CkanError(400, "Validation Error", "Bad request - JSON Error") from None
        if not isinstance(data, dict):
            raise CkanError(400, "Validation Error", "Bad request - JSON Error")
        return {str(k): v for k, v in data.items()}
    return {key: request.GET.get(key) for key in request.GET}


def _integer(params: dict, name: str, default: int, maximum: int) -> int:
    value = params.get(name, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise CkanError(409, "Validation Error", **{name: ["Invalid integer"]}) from None
    if number < 0 or number > maximum:
        raise CkanError(409, "Validation Error", **{name: [f"Must be 0–{maximum}"]})
    return number


def _datasets(request: HttpRequest):
    return catalogue_module.datasets(request.tenant, base_url(request))


def _organization(request: HttpRequest) -> dict:
    tenant = request.tenant
    return {
        "id": str(tenant.pk),
        "name": tenant.slug,
        "title": tenant.name,
        "display_name": tenant.name,
        "type": "organization",
        "is_organization": True,
        "state": "active",
    }


def package_list(request, params):
    return [d.name for d in _datasets(request)]


def package_show(request, params):
    name = params.get("id") or params.get("name_or_id")
    if not name:
        raise CkanError(409, "Validation Error", id=["Missing value"])
    for dataset in _datasets(request):
        if str(name) in (dataset.name, package(dataset, request.tenant, base_url(request))["id"]):
            return package(dataset, request.tenant, base_url(request))
    raise CkanError(404, "Not Found Error", "Not found")


def package_search(request, params):
    """q matches the title and notes; fq, sort and facets are not supported (all datasets
    match them), which suits a harvester that compares metadata_modified itself."""
    rows = _integer(params, "rows", 10, MAX_ROWS)
    start = _integer(params, "start", 0, 10**6)
    query = str(params.get("q") or "").strip().lower()[:200]
    found = [
        package(d, request.tenant, base_url(request))
        for d in _datasets(request)
        if query in ("", "*:*") or query in f"{d.title} {d.description} {d.name}".lower()
    ]
    return {"count": len(found), "results": found[start : start + rows], "sort": "name asc"}


def organization_list(request, params):
    return [request.tenant.slug]


def organization_show(request, params):
    if str(params.get("id") or "") not in (request.tenant.slug, str(request.tenant.pk)):
        raise CkanError(404, "Not Found Error", "Not found")
    return _organization(request) | {"package_count": len(_datasets(request))}


def license_list(request, params):
    return [{"id": LICENCE.id, "title": LICENCE.title, "url": LICENCE.url}]


def help_show(request, params):
    function = ACTIONS.get(str(params.get("name") or ""))
    if function is None:
        raise CkanError(404, "Not Found Error", "Action not found")
    return (function.__doc__ or function.__name__).strip()


def status_show(request, params):
    return {
        "site_title": request.tenant.name,
        "site_url": base_url(request),
        "ckan_version": "2.10.0",  # the API level we mimic; harvesters branch on it
        "extensions": [],
        "locale_default": "vi",
    }


ACTIONS = {
    f.__name__: f
    for f in (
        package_list,
        package_show,
        package_search,
        organization_list,
        organization_show,
        license_list,
        status_show,
        help_show,
    )
}


@csrf_exempt  # read-only: POST only carries the parameters, as ckanapi sends them
def action(request: HttpRequest, action: str) -> JsonResponse:
    language = "en" if request.GET.get("lang") == "en" else "vi"
    with translation.override(language):
        try:
            if request.method not in ("GET", "HEAD", "POST"):
                raise CkanError(405, "Validation Error", "Method not allowed")
            function = ACTIONS.get(action)
            if function is None:
                unknown = f"Bad request - Action name not known: {action[:60]}"
                raise CkanError(400, "Validation Error", unknown)
            if rate_limited(request, "ckan", settings.API_ANON_RATE_PER_MINUTE, 60):
                raise CkanError(429, "Rate Limit Error", "Too many requests, retry in 60 s")
            params = _params(request)
            if any("\x00" in f"{k}{v}" for k, v in params.items()):
                raise CkanError(409, "Validation Error", "NUL character in a parameter")
            result = function(request, params)
            body = {"help": _help(request, action), "success": True, "result": result}
            status = 200
        except CkanError as error:
            body = {"help": _help(request, action), "success": False, "error": error.error}
            status = error.status
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    if status == 429:
        response["Retry-After"] = "60"
    return response
