"""Planned-downtime notices (Decree 224/2026 Art. 13) as the banner and the public list
`/thong-bao-bao-tri/` show them: published, not yet over, soonest first.

A notice covers its own site and, when marked for the subtree, every site below it; so a
commune's list also carries the province-wide notices of the sites above it. No staff
name and no emergency reason (the pages show neither) leave through the API."""

from datetime import datetime

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from ninja import Router, Schema

from operations.models import DowntimeNotice

from .. import keyset
from ..answers import strict
from .common import Lang, Links, Scope, SiteRef, cursor_param, limit_param, list_answer, site_ref

router = Router(tags=["operations"])


class DowntimeNoticeOut(Schema):
    id: int
    site: SiteRef
    applies_to_subtree: bool
    starts_at: datetime
    ends_at: datetime
    published_at: datetime
    is_emergency: bool
    ongoing: bool
    message: str
    message_language: str
    url: str


class DowntimeNoticePage(Schema):
    items: list[DowntimeNoticeOut]
    next_cursor: str | None
    next: str | None


def published_notices(tenant, scope: str, now: datetime):
    """Notices published and not over that cover this site (scope "site") or this site or
    any site below it ("subtree"): its own, and those of the sites above it that cover
    their subtree. The same rule as operations.downtime.notices_for, as a queryset."""
    own = tenant.subtree_q("tenant__") if scope == "subtree" else Q(tenant=tenant)
    above = Q(include_subtree=True) & tenant.ancestors_q("tenant__", include_self=False)
    return DowntimeNotice.objects.filter(own | above).filter(published_at__lte=now, ends_at__gt=now)


def _notice(item: DowntimeNotice, links: Links, now: datetime) -> dict:
    english = translation.get_language() == "en" and bool(item.message_en)
    return {
        "id": item.pk,
        "site": site_ref(item.tenant),
        "applies_to_subtree": item.include_subtree,
        "starts_at": item.starts_at,
        "ends_at": item.ends_at,
        "published_at": item.published_at,
        "is_emergency": item.is_emergency,
        "ongoing": item.starts_at <= now < item.ends_at,
        "message": item.message_en if english else item.message_vi or "",
        "message_language": "en" if english else "vi",
        "url": links.page(item.tenant_id, reverse("operations:downtime")),
    }


@router.get(
    "/downtime-notices",
    response=DowntimeNoticePage,
    summary="Planned-downtime notices published and not yet over",
    description=(
        "What the maintenance banner of this site shows (scope=site), or of this site and "
        "every site below it (scope=subtree), soonest first. With lang=en, `message` falls "
        "back to Vietnamese when a notice has no English text (`message_language` says "
        "which): a notice is never left out."
    ),
)
@strict
def list_downtime_notices(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "site",
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    now = timezone.now()
    return list_answer(
        request,
        DowntimeNoticePage,
        published_notices(request.tenant, scope, now).select_related("tenant"),
        keyset.Order(("starts_at", "id")),
        cursor,
        limit,
        lambda items, links: [_notice(n, links, now) for n in items],
        modified=lambda item: None,  # a notice edited after publication has no own date
    )
