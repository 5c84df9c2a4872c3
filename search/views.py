"""The results page: thin; parsing in query.py, SQL in engine.py, counting in analytics.py."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.context_processors import request_origin_suffix
from tenants.models import Tenant
from tenants.resolution import tree_version

from . import analytics, engine, query, results_cache
from .presentation import absolute, highlighted, kind_labels
from .text import clean, fold

FIRST_YEAR = 2000
MAX_UNIT_CHOICES = 12


def _int(value: str | None, low: int, high: int) -> int | None:
    try:
        number = int((value or "").strip()[:12])
    except ValueError:
        return None
    return number if low <= number <= high else None


def match_unit(units: list[tuple[int, str]], typed: str) -> tuple[int | None, list]:
    """The unit a typed name means: the one whose name is it (or the only one holding
    it), else up to MAX_UNIT_CHOICES candidates to pick from (diacritics optional)."""
    wanted = fold(typed).strip()
    exact = [pk for pk, name in units if fold(name) == wanted]
    if len(exact) == 1:
        return exact[0], []
    holding = [(pk, name) for pk, name in units if wanted in fold(name)]
    if len(holding) == 1:
        return holding[0][0], []
    return None, holding[:MAX_UNIT_CHOICES]


def _link(name: str, fallback: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


def _units(tenant: Tenant, whole_province: bool, language: str) -> list[tuple[int, str]]:
    """Tenants one may filter by (cached: the tree changes rarely)."""
    key = f"search:units:v{tree_version()}:{tenant.pk}:{int(whole_province)}:{language}"
    units = cache.get(key)
    if units is None:
        # Scoped by the tree: this province only (tree_id), or this site's subtree.
        scope = Tenant.objects.filter(tree_id=tenant.tree_id)
        if not whole_province:
            scope = scope.filter(tenant.subtree_q())
        units = [(t.pk, t.name) for t in scope.order_by("tree_id", "lft")]
        cache.set(key, units, 600)
    return units


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    tenant: Tenant = request.tenant
    language = get_language() or "vi"
    parsed = query.parse(request.GET.get("q"))
    whole_province = request.GET.get("scope") == "province" and tenant.parent_id is not None
    is_leaf = tenant.is_leaf_node()
    has_units = whole_province or not is_leaf
    labels = kind_labels()
    kind = request.GET.get("kind", "")
    kind = kind if kind in labels else ""
    this_year = timezone.localdate().year
    year = _int(request.GET.get("year"), FIRST_YEAR, this_year + 1)
    unit = _int(request.GET.get("unit"), 1, 2**31 - 1)
    unit_name = clean(request.GET.get("unit_name") or "", 100)
    whole_tree = whole_province or tenant.parent_id is None
    # The list of units (4,000 on a national installation) is read only when needed:
    # a filter by unit, or a subtree scope (a district searches its own units).
    wanted = has_units and (unit is not None or unit_name or not whole_tree)
    units = _units(tenant, whole_province, language) if wanted else []
    unit = unit if unit in {pk for pk, _name in units} else None
    unit_choices: list[tuple[int, str]] = []
    unit_message = ""
    if unit is None and unit_name and has_units:
        unit, unit_choices = match_unit(units, unit_name)
        if unit is None and not unit_choices:
            unit_message = _("Không có đơn vị nào tên như “%(name)s”; đang tìm ở mọi đơn vị.") % {
                "name": unit_name
            }
    if unit is not None:
        unit_name = dict(units)[unit]
    page_number = _int(request.GET.get("page"), 1, 10**9) or 1

    if whole_tree:
        scope = engine.Scope(tenant.tree_id, unit_id=unit)
    elif is_leaf:
        scope = engine.Scope(tenant.tree_id, (tenant.pk,))
    else:
        scope = engine.Scope(tenant.tree_id, tuple(pk for pk, _name in units), unit_id=unit)
    results, results_key = results_cache.search(
        parsed, scope, language, engine.Filters(kind, year), min(page_number, engine.MAX_PAGE)
    )
    origin = {
        "scheme": request.scheme,
        "port": request_origin_suffix(request),
        "prefix": "" if language == "vi" else f"/{language}",
    }
    # Read only when the list's HTML is not cached (under the results' key and the
    # links' origin).
    hits = SimpleLazyObject(
        lambda: [
            {
                "title": highlighted(hit.title),
                "snippet": highlighted(hit.snippet),
                "url": absolute(hit.url, hit.tenant_id, hit.hostname, tenant.pk, origin),
                "kind": labels.get(hit.kind, hit.kind),
                "published_at": hit.published_at,
                "unit": hit.unit_name,
            }
            for hit in results.hits
        ]
    )
    hits_key = f"{results_key}:{tenant.pk}:{origin['scheme']}{origin['port']}{origin['prefix']}"
    messages = list(parsed.messages)
    if unit_message:
        messages.append(unit_message)
    if page_number != results.page and results.total:
        messages.append(_("Trang bạn chọn không có; đây là trang %(n)s.") % {"n": results.page})
    corrected, suggestions = "", []
    if not parsed.is_empty and not results.total:
        corrected = engine.correction(parsed)
        if corrected:
            found = engine.search(query.parse(corrected), scope, language, engine.Filters())
            suggestions = [
                {
                    "title": highlighted(hit.title),
                    "url": absolute(hit.url, hit.tenant_id, hit.hostname, tenant.pk, origin),
                }
                for hit in found.hits[:3]
            ]
            corrected = corrected if suggestions else ""
    if not parsed.is_empty and results.page == 1 and page_number == 1:
        analytics.record_later(tenant.pk, parsed.shown, bool(results.total))

    params = {"q": parsed.shown, "kind": kind, "year": year or "", "unit": unit or ""}
    if whole_province:
        params["scope"] = "province"
    base = {k: v for k, v in params.items() if v}

    def page_url(number: int) -> str:
        return "?" + urlencode({**base, "page": number} if number > 1 else base)

    pages = [
        {"number": n, "url": page_url(n), "current": n == results.page}
        for n in range(max(1, results.page - 3), min(results.pages, results.page + 3) + 1)
    ]
    province_url = None
    if tenant.parent_id is not None and not whole_province and parsed.shown:
        province_url = "?" + urlencode({"q": parsed.shown, "scope": "province"})
    context = {
        "query": parsed.shown,
        "parsed": parsed,
        "results": results,
        "hits": hits,
        "hits_key": hits_key if results_key else "",
        "messages_list": messages,
        "suggestions": suggestions,
        "corrected": corrected,
        "corrected_url": "?" + urlencode({"q": corrected}) if corrected else "",
        "kinds": list(labels.items()),
        "kind": kind,
        "years": list(range(this_year, FIRST_YEAR - 1, -1)),
        "year": year,
        "has_units": has_units,
        "unit": unit,
        "unit_name": unit_name,
        "unit_choices": [
            {"name": name, "url": "?" + urlencode({**base, "unit": pk})}
            for pk, name in unit_choices
        ],
        "whole_province": whole_province,
        "province_url": province_url,
        "pages": pages,
        "previous_url": page_url(results.page - 1) if results.page > 1 else None,
        "next_url": page_url(results.page + 1) if results.page < results.pages else None,
        "first_index": (results.page - 1) * engine.PAGE_SIZE + 1,
        "procedures_url": _link("procedures:index", origin["prefix"] + "/thu-tuc-hanh-chinh/"),
        "questions_url": _link("dialogue:ask", origin["prefix"] + "/hoi-dap/"),
    }
    return render(request, "search/results.html", context)
