"""Pieces every endpoint shares: scope (one site or its subtree), absolute links on the
item's own site, file links, the list envelope and the `updated_since` filter."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urlencode

from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Schema
from pydantic import BaseModel

from tenants.site import primary_hostnames

from .. import keyset
from ..answers import latest, respond
from ..problems import ApiError

Lang = Literal["vi", "en"]
Scope = Literal["site", "subtree"]
LIMIT_DESCRIPTION = f"Số mục một trang / items per page (1–{keyset.MAX_LIMIT})"


def cursor_param():
    return Query(None, max_length=400, description="next_cursor of the previous page")


def limit_param():
    return Query(keyset.DEFAULT_LIMIT, ge=1, le=keyset.MAX_LIMIT, description=LIMIT_DESCRIPTION)


class SiteRef(Schema):
    slug: str
    name: str


class FileLink(Schema):
    title: str
    url: str


def scoped(queryset: QuerySet, request: HttpRequest, scope: str) -> QuerySet:
    """The host's own items, or those of the host and every site below it."""
    if scope == "subtree":
        return queryset.for_subtree(request.tenant)
    return queryset.for_tenant(request.tenant)


def aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        # PostgreSQL refuses offsets beyond ±15:59 that Python accepts: send UTC.
        moment = moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ApiError(400, _("Thời điểm updated_since nằm ngoài khoảng cho phép.")) from None
    return moment


def since(queryset: QuerySet, moment: datetime | None, field: str = "updated_at") -> QuerySet:
    moment = aware(moment)
    return queryset if moment is None else queryset.filter(**{f"{field}__gte": moment})


class Links:
    """Absolute URLs on the host of each item's own site (one query for every host)."""

    def __init__(self, request: HttpRequest, tenant_ids: Iterable[int]):
        self.request = request
        ids = set(tenant_ids)
        ids.discard(request.tenant.pk)
        self.hosts = primary_hostnames(sorted(ids)) if ids else {}
        self.hosts[request.tenant.pk] = request.get_host()

    def page(self, tenant_id: int, path: str) -> str:
        host = self.hosts.get(tenant_id) or self.request.get_host()
        return f"{self.request.scheme}://{host}{path}"

    def file(self, tenant_id: int, name: str) -> str:
        return self.page(tenant_id, default_storage.url(name)) if name else ""


def site_ref(tenant) -> dict:
    return {"slug": tenant.slug, "name": tenant.name}


def next_url(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    params = {k: v for k, v in request.GET.items() if k != "cursor"}
    params["cursor"] = cursor
    return request.build_absolute_uri(request.path) + "?" + urlencode(params)


def list_answer(
    request: HttpRequest,
    schema: type[BaseModel],
    queryset: QuerySet,
    order: keyset.Order,
    cursor: str | None,
    limit: int,
    serialize: Callable[[list, Links], list[dict]],
    *,
    modified: Callable[[object], datetime | None] = lambda item: getattr(item, "updated_at", None),
) -> HttpResponse:
    found = keyset.page(queryset, order, cursor, limit)
    links = Links(request, {getattr(i, "tenant_id", request.tenant.pk) for i in found.items})
    data = {
        "items": serialize(found.items, links),
        "next_cursor": found.next_cursor,
        "next": next_url(request, found.next_cursor),
    }
    return respond(request, schema, data, last_modified=latest(*(modified(i) for i in found.items)))


def detail_or_404(queryset: QuerySet, **lookup):
    item = queryset.filter(**lookup).first()
    if item is None:
        raise ApiError(404, _("Không tìm thấy mục này (hoặc mục chưa công khai)."))
    return item
