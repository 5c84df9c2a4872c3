"""Read-only JSON API for the national measurement platform and the province's tools.

Authentication: ``Authorization: Bearer <token>``; a consumer's token is stored only as a
SHA-256 hash. Missing or unknown token → 401, revoked token or a site outside the
consumer's subtree → 403, more than the consumer's rate per minute → 429.
"""

from __future__ import annotations

import secrets
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from tenants.models import Tenant
from tenants.site import primary_hostnames

from .models import ApiConsumer, MeasurementRun
from .scoring import latest_runs, rollup

PAGE_SIZE = 100


def set_new_token(consumer: ApiConsumer) -> str:
    """Give the consumer a new token (not saved); only its hash is kept."""
    token = "gpc_" + secrets.token_urlsafe(32)
    consumer.token_prefix = token[:8]
    consumer.token_hash = ApiConsumer.hash_token(token)
    return token


def issue_token(consumer: ApiConsumer) -> str:
    """A new token for the consumer (shown once); the old one stops working."""
    token = set_new_token(consumer)
    consumer.save()
    return token


def _error(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="compliance"'
    return response


def token_required(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer ") or len(header) > 200:
            return _error(401, "missing token")
        token = header[7:].strip()
        # Not scoped by the request's host: the token alone names the consumer, and the
        # consumer's tenant (its subtree) is the scope of every answer below.
        consumer = (
            ApiConsumer.objects.select_related("tenant")
            .filter(token_hash=ApiConsumer.hash_token(token))
            .first()
        )
        if consumer is None:
            return _error(401, "invalid token")
        if not consumer.is_active:
            return _error(403, "token revoked")
        # A window opened by the consumer's first call and lasting 60 s (not the clock
        # minute, whose boundary would reset a burst half-way).
        key = f"compliance:api-rate:{consumer.pk}"
        try:
            calls = cache.incr(key) if cache.add(key, 1, 60) is False else 1
        except ValueError:  # the window expired between add and incr
            cache.set(key, 1, 60)
            calls = 1
        if calls > consumer.rate_per_minute:
            response = _error(429, "rate limit exceeded")
            response["Retry-After"] = "60"
            return response
        now = timezone.now()
        if consumer.last_used_at is None or (now - consumer.last_used_at).total_seconds() > 300:
            # The consumer's own row, found by its token above: no other tenant's data.
            ApiConsumer.objects.filter(pk=consumer.pk).update(last_used_at=now)
        request.api_consumer = consumer
        return view(request, *args, **kwargs)

    return wrapper


def _site_in_scope(request: HttpRequest, slug: str) -> Tenant | None:
    """The site named in the URL if it lies in the consumer's subtree, else None (403)."""
    scope = request.api_consumer.tenant
    return Tenant.objects.filter(scope.subtree_q(), slug=slug).first()


def _scores(row: dict | None) -> dict | None:
    if row is None:
        return None
    return {
        "measured_at": row["started_at"].isoformat(),
        "a": row["score_a"],
        "b": row["score_b"],
        "c": row["score_c"],
        "overall": row["score"],
    }


@require_safe
@token_required
def index(request: HttpRequest) -> JsonResponse:
    """Sites of the consumer's subtree with their latest scores, 100 a page (keyset on
    the tree order: ?after=<cursor>)."""
    scope = request.api_consumer.tenant
    sites = Tenant.objects.filter(scope.subtree_q()).order_by("lft")
    after = request.GET.get("after", "")
    if after.isdigit():
        sites = sites.filter(lft__gt=int(after))  # lineage-exempt: keyset cursor
    page = list(sites[: PAGE_SIZE + 1])
    more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    runs = latest_runs([site.pk for site in page])
    hostnames = primary_hostnames([site.pk for site in page])
    return JsonResponse(
        {
            "scope": scope.slug,
            "sites": [
                {
                    "slug": site.slug,
                    "name": site.name,
                    "kind": site.kind,
                    "depth": site.level - scope.level,
                    "hostname": hostnames.get(site.pk),
                    "scores": _scores(runs.get(site.pk)),
                }
                for site in page
            ],
            "next": page[-1].lft if more else None,  # lineage-exempt: keyset cursor
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
@token_required
def site_detail(request: HttpRequest, slug: str) -> JsonResponse:
    """The latest run of one site with every indicator result and its evidence."""
    site = _site_in_scope(request, slug)
    if site is None:
        return _error(403, "site outside your scope")
    run = (
        MeasurementRun.objects.for_tenant(site)  # site: checked in scope just above
        .filter(state=MeasurementRun.State.DONE)
        .order_by("-started_at")
        .first()
    )
    results = []
    if run is not None:
        results = [
            {
                "code": r.code,
                "name": r.name_vi,
                "name_en": r.name_en,
                "axis": r.axis,
                "status": r.status,
                "value": r.value,
                "weight": r.weight,
                "summary": r.summary,
                "legal_basis": r.legal_basis,
                "evidence": r.evidence,
            }
            for r in run.results.all()
        ]
    return JsonResponse(
        {
            "site": {"slug": site.slug, "name": site.name, "kind": site.kind},
            "run": None
            if run is None
            else {
                "measured_at": run.started_at.isoformat(),
                "scores": {
                    "a": run.score_a,
                    "b": run.score_b,
                    "c": run.score_c,
                    "overall": run.score,
                },
                "results": results,
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
@token_required
def subtree(request: HttpRequest, slug: str) -> JsonResponse:
    """Scores of a subtree, rolled up both ways (each site once; each branch once)."""
    site = _site_in_scope(request, slug)
    if site is None:
        return _error(403, "site outside your scope")
    result = rollup(site)
    return JsonResponse(
        {
            "site": {"slug": site.slug, "name": site.name},
            "sites": result.sites,
            "measured": result.measured,
            "weighted_by_sites": result.by_site,
            "weighted_by_branch": result.by_branch,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def openapi(request: HttpRequest) -> JsonResponse:
    """The OpenAPI 3.1 document of this API (public: it holds no data)."""
    from .openapi import SCHEMA

    return JsonResponse(SCHEMA, json_dumps_params={"ensure_ascii": False})
