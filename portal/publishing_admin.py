"""Admin for publishable models: workflow buttons and actions, a trash instead of delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.access import PUBLISHING_ROLES, has_role
from tenants.admin_scoping import TenantScopedAdmin

from . import publishing
from .publishing import PublicationStatus, PublishingError
from .rules import RuleError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

WORKFLOW_FIELDS = ("status", "published_at", "review_note")


class TrashFilter(admin.SimpleListFilter):
    title = gettext_lazy("thùng rác")
    parameter_name = "trash"

    def lookups(self, request, model_admin):
        return [("1", _("Trong thùng rác"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.trashed()
        return queryset.not_trashed()


class PublishableAdmin(TenantScopedAdmin):
    """Base admin for `Publishable` models.

    Editors save drafts and press "Gửi duyệt"; approvers press "Đăng" (now, or at
    the "hẹn giờ đăng" time), "Trả lại" with a reason, or "Gỡ xuống". Delete moves
    to the trash; the trash filter lists it and "Khôi phục" brings items back.
    """

    change_form_template = "admin/publishing/change_form.html"
    actions = [
        "submit_selected",
        "publish_selected",
        "reject_selected",
        "archive_selected",
        "restore_selected",
    ]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *WORKFLOW_FIELDS)

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), "status", TrashFilter)

    # --- buttons on the change form ---------------------------------------------
    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        can_publish = obj is not None and has_role(request.user, obj.tenant_id, PUBLISHING_ROLES)
        context.update(
            {
                "workflow_obj": obj,
                "can_publish": can_publish,
                "PublicationStatus": PublicationStatus,
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        self._apply_button(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._apply_button(request, obj)
        return super().response_change(request, obj)

    def _apply_button(self, request: HttpRequest, obj) -> None:
        action = request.POST.get("_workflow")
        if not action:
            return
        try:
            if action == "submit":
                publishing.submit(obj, by=request.user)
                messages.success(request, _("Đã gửi duyệt."))
            elif action == "publish":
                publishing.publish(obj, by=request.user, at=obj.publish_at)
                messages.success(
                    request,
                    _("Đã đăng.")
                    if obj.status == PublicationStatus.PUBLISHED
                    else _("Đã hẹn giờ đăng."),
                )
            elif action == "reject":
                publishing.reject(obj, by=request.user, reason=request.POST.get("_reason", ""))
                messages.success(request, _("Đã trả lại cho người biên tập."))
            elif action == "archive":
                publishing.archive(obj, by=request.user)
                messages.success(request, _("Đã gỡ xuống."))
            else:
                messages.error(request, _("Thao tác không hợp lệ."))
        except PublishingError as error:
            messages.error(request, str(error))

    # --- list actions ---------------------------------------------------------------
    def _run(self, request, queryset, transition, done_message, **kwargs) -> None:
        done, failed = 0, []
        for obj in queryset:
            try:
                transition(obj, by=request.user, **kwargs)
                done += 1
            except RuleError as error:
                failed.append(f"{obj}: {error}")
        if done:
            messages.success(request, done_message % {"count": done})
        for failure in failed[:10]:
            messages.error(request, failure)

    @admin.action(description=gettext_lazy("Gửi duyệt các mục đã chọn"))
    def submit_selected(self, request, queryset):
        self._run(request, queryset, publishing.submit, _("Đã gửi duyệt %(count)d mục."))

    @admin.action(description=gettext_lazy("Đăng các mục đã chọn"))
    def publish_selected(self, request, queryset):
        def publish_when_set(obj, *, by: User):
            return publishing.publish(obj, by=by, at=obj.publish_at)

        self._run(request, queryset, publish_when_set, _("Đã đăng hoặc hẹn giờ %(count)d mục."))

    @admin.action(description=gettext_lazy("Trả lại các mục đã chọn (ghi lý do)"))
    def reject_selected(self, request, queryset):
        if "reason" in request.POST:
            self._run(
                request,
                queryset,
                publishing.reject,
                _("Đã trả lại %(count)d mục."),
                reason=request.POST.get("reason", ""),
            )
            return None
        return TemplateResponse(
            request,
            "admin/publishing/reject.html",
            {
                **self.admin_site.each_context(request),
                "queryset": queryset,
                "opts": self.model._meta,
                "action": "reject_selected",
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "title": _("Trả lại cho người biên tập"),
            },
        )

    @admin.action(description=gettext_lazy("Gỡ xuống các mục đã chọn"))
    def archive_selected(self, request, queryset):
        self._run(request, queryset, publishing.archive, _("Đã gỡ xuống %(count)d mục."))

    @admin.action(description=gettext_lazy("Khôi phục từ thùng rác"))
    def restore_selected(self, request, queryset):
        self._run(request, queryset.trashed(), publishing.restore, _("Đã khôi phục %(count)d mục."))

    # --- delete = move to the trash -------------------------------------------------
    def delete_model(self, request, obj):
        self.check_writable(request, obj)
        try:
            publishing.trash(obj, by=request.user)
        except PublishingError as error:
            messages.error(request, str(error))

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
