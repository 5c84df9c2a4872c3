"""The one publishing workflow: draft → pending review → published → archived, with
scheduled publish/unpublish and a trash. Every publishable model of every app inherits
`Publishable`; every transition goes through the functions below, which check the
user's role on the item's tenant, run in one transaction and are audit-logged
(django-auditlog records the status change with the acting user)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from portal.rules import RuleError
from tenants.access import EDITING_ROLES, PUBLISHING_ROLES, has_role
from tenants.models import TenantOwned, TenantQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Sent after commit with `sender=<model class>, instance=<item>`: search indexing,
# cache purges and syndication listen to these.
item_published = Signal()
item_unpublished = Signal()


class PublicationStatus(models.TextChoices):
    # In context: "Đã đăng" is also a social post's state, "Posted" in English.
    DRAFT = "draft", pgettext_lazy("publication status", "Bản nháp")
    PENDING = "pending", pgettext_lazy("publication status", "Chờ duyệt")
    SCHEDULED = "scheduled", pgettext_lazy("publication status", "Hẹn giờ đăng")
    PUBLISHED = "published", pgettext_lazy("publication status", "Đã đăng")
    ARCHIVED = "archived", pgettext_lazy("publication status", "Đã gỡ / lưu trữ")


class PublishingError(RuleError):
    """A transition that is not allowed; the message is shown to the user as is."""


class PublishableQuerySet(TenantQuerySet):
    def published(self) -> PublishableQuerySet:
        """What the public may see: published and not in the trash."""
        return self.filter(status=PublicationStatus.PUBLISHED, deleted_at__isnull=True)

    def not_trashed(self) -> PublishableQuerySet:
        return self.filter(deleted_at__isnull=True)

    def trashed(self) -> PublishableQuerySet:
        return self.filter(deleted_at__isnull=False)


class Publishable(TenantOwned):
    status = models.CharField(
        gettext_lazy("trạng thái"),
        max_length=12,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    published_at = models.DateTimeField(gettext_lazy("thời điểm đăng"), null=True, blank=True)
    publish_at = models.DateTimeField(gettext_lazy("hẹn giờ đăng"), null=True, blank=True)
    unpublish_at = models.DateTimeField(gettext_lazy("hẹn giờ gỡ"), null=True, blank=True)
    submitted_at = models.DateTimeField(
        gettext_lazy("gửi duyệt lúc"), null=True, blank=True, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=gettext_lazy("người gửi duyệt"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=gettext_lazy("người duyệt"),
    )
    review_note = models.TextField(gettext_lazy("lý do trả lại"), blank=True, editable=False)
    deleted_at = models.DateTimeField(
        gettext_lazy("xóa lúc"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(gettext_lazy("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("cập nhật lúc"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        indexes = [
            models.Index(
                fields=["tenant", "status", "-published_at"],
                name="%(app_label)s_%(class)s_pub",
            )
        ]

    @property
    def is_public(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED and self.deleted_at is None


def _require(user, item: Publishable, roles: frozenset[str]) -> None:
    if not has_role(user, item.tenant_id, roles):
        if roles == PUBLISHING_ROLES:
            raise PublishingError(_("Chỉ người duyệt của đơn vị mới được thực hiện thao tác này."))
        raise PublishingError(_("Bạn không có quyền biên tập nội dung của đơn vị này."))


def _locked(item: Publishable) -> Publishable:
    return type(item)._default_manager.select_for_update().get(pk=item.pk)


def _transition(item: Publishable, by, roles, allowed_from, change) -> Publishable:
    _require(by, item, roles)
    with transaction.atomic(), set_actor(by):
        current = _locked(item)
        if current.deleted_at is not None:
            raise PublishingError(_("Mục này đang ở thùng rác; hãy khôi phục trước."))
        if current.status not in allowed_from:
            raise PublishingError(
                _("Không thể thực hiện thao tác khi mục đang ở trạng thái “%(status)s”.")
                % {"status": current.get_status_display()}
            )
        was_public = current.is_public
        change(current)
        current.save()
        _notify_after_commit(current, was_public)
    for field in (
        "status",
        "published_at",
        "publish_at",
        "unpublish_at",
        "submitted_at",
        "submitted_by_id",
        "reviewed_by_id",
        "review_note",
        "deleted_at",
    ):
        setattr(item, field, getattr(current, field))
    return item


def _notify_after_commit(item: Publishable, was_public: bool) -> None:
    now_public = item.is_public
    if now_public:
        # A re-publication also notifies: listeners re-index the new content.
        transaction.on_commit(lambda: item_published.send(sender=type(item), instance=item))
    elif was_public:
        transaction.on_commit(lambda: item_unpublished.send(sender=type(item), instance=item))


def submit(item: Publishable, *, by: User) -> Publishable:
    """An editor sends a draft for review."""

    def change(current: Publishable) -> None:
        current.status = PublicationStatus.PENDING
        current.submitted_at = timezone.now()
        current.submitted_by = by
        current.review_note = ""

    return _transition(item, by, EDITING_ROLES, {PublicationStatus.DRAFT}, change)


def publish(item: Publishable, *, by: User, at: datetime | None = None) -> Publishable:
    """An approver publishes now, or schedules publication for `at`."""
    now = timezone.now()

    def change(current: Publishable) -> None:
        current.reviewed_by = by
        current.review_note = ""
        if at is not None and at > now:
            current.status = PublicationStatus.SCHEDULED
            current.publish_at = at
        else:
            current.status = PublicationStatus.PUBLISHED
            current.publish_at = None
            current.published_at = current.published_at or now

    allowed = {
        PublicationStatus.DRAFT,
        PublicationStatus.PENDING,
        PublicationStatus.SCHEDULED,
        PublicationStatus.ARCHIVED,
    }
    return _transition(item, by, PUBLISHING_ROLES, allowed, change)


def reject(item: Publishable, *, by: User, reason: str) -> Publishable:
    """An approver sends an item back to its editor, with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise PublishingError(_("Vui lòng ghi lý do trả lại."))

    def change(current: Publishable) -> None:
        current.status = PublicationStatus.DRAFT
        current.review_note = reason[:2000]
        current.reviewed_by = by
        current.publish_at = None

    return _transition(
        item, by, PUBLISHING_ROLES, {PublicationStatus.PENDING, PublicationStatus.SCHEDULED}, change
    )


def archive(item: Publishable, *, by: User) -> Publishable:
    """Take an item off the public site (kept, restorable by publishing again)."""

    def change(current: Publishable) -> None:
        current.status = PublicationStatus.ARCHIVED
        current.unpublish_at = None

    return _transition(
        item,
        by,
        PUBLISHING_ROLES,
        {PublicationStatus.PUBLISHED, PublicationStatus.SCHEDULED},
        change,
    )


def trash(item: Publishable, *, by: User) -> Publishable:
    """Move to the trash: hidden everywhere, nothing lost, restorable."""
    _require(by, item, EDITING_ROLES)
    if item.status in (PublicationStatus.PUBLISHED, PublicationStatus.SCHEDULED) and not has_role(
        by, item.tenant_id, PUBLISHING_ROLES
    ):
        raise PublishingError(_("Chỉ người duyệt mới được xóa mục đã đăng."))
    with transaction.atomic(), set_actor(by):
        current = _locked(item)
        was_public = current.is_public
        current.deleted_at = timezone.now()
        current.save()
        _notify_after_commit(current, was_public)
    item.deleted_at = current.deleted_at
    return item


def restore(item: Publishable, *, by: User) -> Publishable:
    """Take an item out of the trash, in the status it had."""
    _require(by, item, EDITING_ROLES)
    with transaction.atomic(), set_actor(by):
        current = _locked(item)
        current.deleted_at = None
        current.save()
        _notify_after_commit(current, was_public=False)
    item.deleted_at = None
    return item


def publishable_models() -> Iterator[type[Publishable]]:
    for model in apps.get_models():
        if issubclass(model, Publishable):
            yield model


def _move_due(queryset, expected: str, change, was_public: bool) -> int:
    moved = 0
    for item in queryset.iterator():
        with transaction.atomic():
            current = _locked(item)
            if current.status != expected:
                continue  # another worker got there first
            change(current)
            current.save()
            _notify_after_commit(current, was_public)
            moved += 1
    return moved


def _publish_scheduled(current: Publishable) -> None:
    current.status = PublicationStatus.PUBLISHED
    current.published_at = current.publish_at
    current.publish_at = None


def _unpublish_expired(current: Publishable) -> None:
    current.status = PublicationStatus.ARCHIVED
    current.unpublish_at = None


def run_schedule(now: datetime | None = None) -> dict[str, int]:
    """Publish what is due and unpublish what expired, in every app. Idempotent."""
    now = now or timezone.now()
    counts = {"published": 0, "unpublished": 0}
    for model in publishable_models():
        live = model._default_manager.filter(deleted_at__isnull=True)
        due = live.filter(status=PublicationStatus.SCHEDULED, publish_at__lte=now)
        expired = live.filter(status=PublicationStatus.PUBLISHED, unpublish_at__lte=now)
        counts["published"] += _move_due(
            due, PublicationStatus.SCHEDULED, _publish_scheduled, False
        )
        counts["unpublished"] += _move_due(
            expired, PublicationStatus.PUBLISHED, _unpublish_expired, True
        )
    return counts
