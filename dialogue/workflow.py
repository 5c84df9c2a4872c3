"""The one workflow of an inquiry: received → assigned → answered → published, or declined.

Who may do what:
- the receiving site's staff (editor, approver, site admin) assign the inquiry to a unit
  of their subtree (or keep it) and may decline it with a reason;
- the handling unit's staff draft the answer; the handling unit's approver signs it off
  ("answered", the asker is told by email);
- an approver of the handling or receiving site publishes it in the public archive (and
  may withdraw it again).
Every transition runs in one transaction with the acting user on the audit log; mail and
search re-indexing go out after commit, so a rolled-back change sends nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.rules import RuleError
from portal.workdays import add_working_days
from tenants.access import EDITING_ROLES, PUBLISHING_ROLES, has_role
from tenants.models import Tenant

from .models import (
    DEFAULT_ANSWER_DAYS,
    OPEN_STATUSES,
    DialogueSettings,
    Inquiry,
    InquiryStatus,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class InquiryError(RuleError):
    """A transition that is not allowed; the message is shown to the user as is."""


def answer_days(tenant_id: int) -> int:
    value = (
        DialogueSettings.objects.filter(tenant_id=tenant_id)
        .values_list("answer_days", flat=True)
        .first()
    )
    return value or DEFAULT_ANSWER_DAYS


def deadline_for(tenant_id: int, received_on) -> object:
    """The date by which the answer is due: N working days after receipt (holidays skipped)."""
    return add_working_days(received_on, answer_days(tenant_id))


def can_handle(user, inquiry: Inquiry) -> bool:
    """Staff who handle the inquiry: the receiving site's or the assigned unit's editors."""
    return has_role(user, inquiry.tenant_id, EDITING_ROLES) or (
        inquiry.assigned_tenant_id is not None
        and has_role(user, inquiry.assigned_tenant_id, EDITING_ROLES)
    )


# --- checks (shared by the admin form and the transitions) ------------------------------


def check(action: str, inquiry: Inquiry, by: User, **kwargs) -> None:
    """Raise InquiryError when `by` may not perform `action` now."""
    checks = {
        "assign": _check_assign,
        "draft": _check_draft,
        "approve": _check_approve,
        "publish": _check_publish,
        "unpublish": _check_unpublish,
        "decline": _check_decline,
    }
    if action not in checks:
        raise InquiryError(_("Thao tác không hợp lệ."))
    checks[action](inquiry, by, **kwargs)


def _require_open(inquiry: Inquiry) -> None:
    if inquiry.status not in OPEN_STATUSES:
        raise InquiryError(
            _("Không thể thực hiện khi câu hỏi đang ở trạng thái “%(status)s”.")
            % {"status": inquiry.get_status_display()}
        )


def _check_assign(inquiry: Inquiry, by, to: Tenant | None = None, **_kw) -> None:
    if not has_role(by, inquiry.tenant_id, EDITING_ROLES):
        raise InquiryError(_("Chỉ cán bộ của trang tiếp nhận mới được chuyển câu hỏi."))
    _require_open(inquiry)
    if to is None or not inquiry.tenant.contains(to):
        raise InquiryError(_("Chỉ chuyển được cho đơn vị trực thuộc trang tiếp nhận."))
    if to.is_archived or not to.is_active:
        raise InquiryError(_("Đơn vị này đã ngừng hoạt động."))


def _check_draft(inquiry: Inquiry, by, text: str = "", **_kw) -> None:
    if not has_role(by, inquiry.handling_tenant_id, EDITING_ROLES):
        raise InquiryError(_("Chỉ cán bộ của đơn vị xử lý mới được soạn trả lời."))
    _require_open(inquiry)
    if not text.strip():
        raise InquiryError(_("Vui lòng nhập nội dung trả lời."))


def _check_approve(inquiry: Inquiry, by, **_kw) -> None:
    if not has_role(by, inquiry.handling_tenant_id, PUBLISHING_ROLES):
        raise InquiryError(_("Chỉ người duyệt của đơn vị xử lý mới được ký duyệt trả lời."))
    _require_open(inquiry)
    if not inquiry.answer.strip():
        raise InquiryError(_("Chưa có nội dung trả lời để duyệt."))


def _may_publish(inquiry: Inquiry, by) -> bool:
    return has_role(by, inquiry.handling_tenant_id, PUBLISHING_ROLES) or has_role(
        by, inquiry.tenant_id, PUBLISHING_ROLES
    )


def _check_publish(inquiry: Inquiry, by, **_kw) -> None:
    if not _may_publish(inquiry, by):
        raise InquiryError(_("Chỉ người duyệt mới được công khai câu trả lời."))
    if inquiry.status != InquiryStatus.ANSWERED:
        raise InquiryError(_("Chỉ công khai được câu hỏi đã được trả lời."))


def _check_unpublish(inquiry: Inquiry, by, **_kw) -> None:
    if not _may_publish(inquiry, by):
        raise InquiryError(_("Chỉ người duyệt mới được gỡ câu trả lời."))
    if inquiry.status != InquiryStatus.PUBLISHED:
        raise InquiryError(_("Câu hỏi này chưa được công khai."))


def _check_decline(inquiry: Inquiry, by, reason: str = "", **_kw) -> None:
    if not can_handle(by, inquiry):
        raise InquiryError(_("Bạn không xử lý câu hỏi này."))
    _require_open(inquiry)
    if not reason.strip():
        raise InquiryError(_("Vui lòng ghi lý do từ chối."))


# --- transitions ---------------------------------------------------------------------------


def _run(inquiry: Inquiry, by, action: str, change, **kwargs) -> Inquiry:
    with transaction.atomic(), set_actor(by):
        current = Inquiry.objects.select_for_update().select_related("tenant").get(pk=inquiry.pk)
        check(action, current, by, **kwargs)
        before = current.status
        change(current)
        current.save()
    if current.status != before:
        _after_commit(current, before)
    inquiry.refresh_from_db()
    return inquiry


def _after_commit(inquiry: Inquiry, before: str) -> None:
    from search.indexing import request_reindex

    from . import tasks

    pk, status = inquiry.pk, inquiry.status
    transaction.on_commit(lambda: tasks.enqueue(tasks.mail_status_changed, pk, status))
    if InquiryStatus.PUBLISHED in (before, inquiry.status):
        request_reindex(inquiry)


def receive(inquiry: Inquiry) -> Inquiry:
    """Store a new inquiry with its deadline; the asker gets the tracking code by mail."""
    from . import tasks

    inquiry.status = InquiryStatus.RECEIVED
    inquiry.received_on = inquiry.received_on or timezone.localdate()
    inquiry.deadline = deadline_for(inquiry.tenant_id, inquiry.received_on)
    with transaction.atomic():
        inquiry.save()
        pk = inquiry.pk
        transaction.on_commit(lambda: tasks.enqueue(tasks.mail_received, pk))
    return inquiry


def assign(inquiry: Inquiry, to: Tenant, *, by: User) -> Inquiry:
    def change(current: Inquiry) -> None:
        current.assigned_tenant = to
        current.status = InquiryStatus.ASSIGNED

    return _run(inquiry, by, "assign", change, to=to)


def draft_answer(inquiry: Inquiry, text: str, *, by: User, author: str = "") -> Inquiry:
    def change(current: Inquiry) -> None:
        current.answer = text.strip()
        current.answer_drafted_by = by
        if author:
            current.answer_author = author
        if current.assigned_tenant_id is None:
            current.assigned_tenant_id = current.tenant_id
        current.status = InquiryStatus.ASSIGNED

    return _run(inquiry, by, "draft", change, text=text)


def approve_answer(inquiry: Inquiry, *, by: User) -> Inquiry:
    def change(current: Inquiry) -> None:
        current.status = InquiryStatus.ANSWERED
        current.answer_approved_by = by
        current.answered_at = timezone.now()
        if not current.answer_author:
            handler = current.assigned_tenant or current.tenant
            current.answer_author = handler.name

    return _run(inquiry, by, "approve", change)


def publish(inquiry: Inquiry, *, by: User) -> Inquiry:
    def change(current: Inquiry) -> None:
        current.status = InquiryStatus.PUBLISHED
        current.published_at = timezone.now()

    return _run(inquiry, by, "publish", change)


def unpublish(inquiry: Inquiry, *, by: User) -> Inquiry:
    def change(current: Inquiry) -> None:
        current.status = InquiryStatus.ANSWERED

    return _run(inquiry, by, "unpublish", change)


def decline(inquiry: Inquiry, reason: str, *, by: User) -> Inquiry:
    def change(current: Inquiry) -> None:
        current.status = InquiryStatus.DECLINED
        current.decline_reason = reason.strip()

    return _run(inquiry, by, "decline", change, reason=reason)
