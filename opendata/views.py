"""The open-data catalogue: a page for people, DCAT-AP JSON-LD for portals, CSV downloads."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from portal.licence import OPEN_DATA_LICENCE

from . import catalogue as catalogue_module
from . import dcat
from .exports import csv_lines


def base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    base = base_url(request)
    return render(
        request,
        "opendata/catalogue.html",
        {
            "datasets": catalogue_module.datasets(request.tenant, base),
            "license": OPEN_DATA_LICENCE,
            "dcat_url": reverse("opendata:catalog_jsonld"),
            "ckan_url": "/api/3/action/package_list",
        },
    )


@require_safe
def catalog_jsonld(request: HttpRequest) -> HttpResponse:
    base = base_url(request)
    language = "en" if get_language() == "en" else "vi"
    document = dcat.catalog(
        request.tenant,
        catalogue_module.datasets(request.tenant, base),
        base,
        language,
        base + request.path,
    )
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def download(request: HttpRequest, name: str) -> StreamingHttpResponse:
    lines = csv_lines(name, request.tenant, base_url(request))
    if lines is None:
        raise Http404
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{request.tenant.slug}-{name}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
