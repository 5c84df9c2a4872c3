"""Convergence ("hội tụ"): a component site proposes an article to its parent portal;
the parent's approver accepts or rejects it; withdrawing at source removes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.rules import RuleError
from tenants.access import EDITING_ROLES, PUBLISHING_ROLES, has_role

from . import caching
from .models import Article, Syndication, SyndicationStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class SyndicationError(RuleError):
    """A proposal or decision that is not allowed; the message is shown to the user as is."""


def propose_to_parent(article: Article, *, by: User) -> Syndication:
    """The source's editors propose; the article need not be published yet, but the
    parent shows it only while it is public at the source."""
    if not has_role(by, article.tenant_id, EDITING_ROLES):
        raise SyndicationError(_("Bạn không có quyền biên tập nội dung của đơn vị này."))
    parent_id = article.tenant.parent_id
    if parent_id is None:
        raise SyndicationError(_("Đơn vị này không có cổng cấp trên để đề xuất."))
    if article.deleted_at is not None:
        raise SyndicationError(_("Mục này đang ở thùng rác; hãy khôi phục trước."))
    with transaction.atomic(), set_actor(by):
        syndication, created = Syndication.objects.select_for_update().get_or_create(
            tenant_id=parent_id,
            article=article,
            defaults={"proposed_by": by},
        )
        if not created:
            if syndication.status in (SyndicationStatus.PROPOSED, SyndicationStatus.ACCEPTED):
                raise SyndicationError(_("Tin bài này đã được đề xuất lên cổng cấp trên."))
            syndication.status = SyndicationStatus.PROPOSED
            syndication.proposed_by = by
            syndication.decided_by = None
            syndication.decided_at = None
            syndication.reason = ""
            syndication.save()
    return syndication


def _decide(syndication: Syndication, *, by, status: str, reason: str = "") -> Syndication:
    if not has_role(by, syndication.tenant_id, PUBLISHING_ROLES):
        raise SyndicationError(_("Chỉ người duyệt của cổng cấp trên mới được tiếp nhận tin."))
    with transaction.atomic(), set_actor(by):
        current = Syndication.objects.select_for_update().get(pk=syndication.pk)
        if current.status != SyndicationStatus.PROPOSED:
            raise SyndicationError(
                _("Đề xuất này đã được xử lý (%(status)s).")
                % {"status": current.get_status_display()}
            )
        current.status = status
        current.decided_by = by
        current.decided_at = timezone.now()
        current.reason = reason[:2000]
        current.save()
        caching.bump_on_change(current.tenant_id)
    return current


def accept(syndication: Syndication, *, by: User) -> Syndication:
    return _decide(syndication, by=by, status=SyndicationStatus.ACCEPTED)


def reject(syndication: Syndication, *, by: User, reason: str) -> Syndication:
    reason = (reason or "").strip()
    if not reason:
        raise SyndicationError(_("Vui lòng ghi lý do không tiếp nhận."))
    return _decide(syndication, by=by, status=SyndicationStatus.REJECTED, reason=reason)


def withdraw(article: Article, *, by: User) -> int:
    """The source takes its article back from the parent portal (every open proposal)."""
    if not has_role(by, article.tenant_id, EDITING_ROLES):
        raise SyndicationError(_("Bạn không có quyền biên tập nội dung của đơn vị này."))
    with transaction.atomic(), set_actor(by):
        open_items = Syndication.objects.filter(
            article=article,
            status__in=(SyndicationStatus.PROPOSED, SyndicationStatus.ACCEPTED),
        )
        targets = list(open_items.values_list("tenant_id", flat=True))
        count = 0
        for item in open_items.select_for_update():
            item.status = SyndicationStatus.WITHDRAWN
            item.save()
            count += 1
        caching.bump_on_change(*targets)
    return count
