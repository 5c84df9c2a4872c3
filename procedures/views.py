"""Public pages: the catalogue, a procedure, its printable version."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import selectors
from .legal_links import legal_references
from .models import Procedure
from .stats import online_share


def _cursor(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 12 else None


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    tenant = request.tenant
    filters = selectors.Filters.from_query(request.GET)
    queryset = selectors.apply_filters(selectors.catalogue(tenant), filters)
    result = selectors.page(
        queryset,
        after=_cursor(request.GET.get("sau", "")),
        before=_cursor(request.GET.get("truoc", "")),
    )
    key = selectors.filters_key(tenant, filters)
    facets = selectors.facets(tenant, filters, key)
    base = reverse("procedures:catalogue")

    def url(**override) -> str:
        params = filters.as_params(**override)
        return f"{base}?{urlencode(params)}" if params else base

    def facet_links(values, param: str):
        return [
            {
                "label": v.label,
                "count": v.count,
                "selected": v.selected,
                "url": url(**{param: "" if v.selected else v.value}),
            }
            for v in values
        ]

    context = {
        "filters": filters,
        "facets": facets,
        "field_links": facet_links(facets.fields, "linh_vuc"),
        "agency_links": facet_links(facets.agencies, "co_quan"),
        "level_links": facet_links(facets.levels, "cap"),
        "online_links": facet_links(facets.online, "truc_tuyen"),
        "page": result,
        "next_url": url(sau=result.next_cursor) if result.next_cursor else "",
        "previous_url": url(truoc=result.previous_cursor) if result.previous_cursor else "",
        "first_url": url() if not result.is_first else "",
        "clear_url": base if filters.active else "",
        "share": online_share(tenant, subtree=False),
        "tree_share": online_share(tenant, subtree=True) if tenant.get_descendant_count() else None,
        "show_agency": bool(tenant.get_descendant_count()),
        "filters_key": key,
        "results_key": selectors.results_key(key, result),
    }
    return render(request, "procedures/catalogue.html", context)


def _load(request: HttpRequest, code: str) -> Procedure:
    if len(code) > 50 or "\x00" in code:
        raise Http404
    procedure = selectors.procedure_for_page(request.tenant, code)
    if procedure is None:
        raise Http404
    return procedure


def _detail_context(request: HttpRequest, procedure: Procedure) -> dict:
    return {
        "procedure": procedure,
        "dossier": list(procedure.dossier.all()),
        "legal": legal_references(procedure.legal_basis, request.tenant),
        "steps": [s for s in procedure.steps.splitlines() if s.strip()],
    }


@require_safe
def detail(request: HttpRequest, code: str) -> HttpResponse:
    procedure = _load(request, code)
    if not procedure.is_active:
        # Kept, hidden from the catalogue: the old address explains why it is gone.
        return render(request, "procedures/withdrawn.html", {"procedure": procedure}, status=410)
    return render(request, "procedures/detail.html", _detail_context(request, procedure))


@require_safe
def printable(request: HttpRequest, code: str) -> HttpResponse:
    procedure = _load(request, code)
    if not procedure.is_active:
        return render(request, "procedures/withdrawn.html", {"procedure": procedure}, status=410)
    return render(request, "procedures/print.html", _detail_context(request, procedure))
