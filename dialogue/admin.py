"""Staff side: handle inquiries through the workflow, moderate sessions, edit hotlines."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin

from tenants.admin_scoping import TenantScopedAdmin, TenantScopedInline, working_tenant_id
from tenants.models import Tenant

from . import sessions, workflow
from .models import (
    DialogueSession,
    DialogueSettings,
    Hotline,
    Inquiry,
    SessionQuestion,
    SessionQuestionStatus,
)
from .stats import waiting_working_days

ACTIONS = [
    ("", "—"),
    ("assign", gettext_lazy("Chuyển cho đơn vị xử lý")),
    ("draft", gettext_lazy("Lưu dự thảo trả lời")),
    ("approve", gettext_lazy("Ký duyệt trả lời (gửi cho người hỏi)")),
    ("publish", gettext_lazy("Công khai trong mục hỏi đáp")),
    ("unpublish", gettext_lazy("Gỡ khỏi mục hỏi đáp")),
    ("decline", gettext_lazy("Từ chối (ghi lý do)")),
]


class OverdueFilter(admin.SimpleListFilter):
    title = gettext_lazy("hạn trả lời")
    parameter_name = "han"

    def lookups(self, request, model_admin):
        return [("qua-han", _("Quá hạn")), ("dang-mo", _("Đang xử lý"))]

    def queryset(self, request, queryset):
        if self.value() == "qua-han":
            return queryset.overdue()
        if self.value() == "dang-mo":
            return queryset.open()
        return queryset


class InquiryWorkflowForm(forms.ModelForm):
    action = forms.ChoiceField(label=gettext_lazy("Thao tác"), choices=ACTIONS, required=False)
    assign_to = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị xử lý"), queryset=Tenant.objects.none(), required=False
    )
    answer_text = forms.CharField(
        label=gettext_lazy("Nội dung trả lời"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=20000,
    )
    answer_by = forms.CharField(
        label=gettext_lazy("Đơn vị / người trả lời"), required=False, max_length=200
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do từ chối"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    user = None  # set by the admin per request

    class Meta:
        model = Inquiry
        fields: list[str] = []

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action:
            try:
                workflow.check(
                    action,
                    self.instance,
                    self.user,
                    to=cleaned.get("assign_to"),
                    text=cleaned.get("answer_text", ""),
                    reason=cleaned.get("reason", ""),
                )
            except workflow.InquiryError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return cleaned


@admin.register(Inquiry)
class InquiryAdmin(TenantScopedAdmin):
    """The receiving site's staff and the assigned unit's staff both see the inquiry."""

    form = InquiryWorkflowForm
    list_display = (
        "tracking_code",
        "title",
        "kind",
        "status",
        "tenant",
        "assigned_tenant",
        "received_on",
        "deadline",
        "waiting_days",
        "overdue",
        "verified",
    )
    list_filter = (OverdueFilter, "status", "kind", "topic")
    search_fields = ("tracking_code", "title")
    list_select_related = ("tenant", "assigned_tenant")
    date_hierarchy = "received_on"
    readonly = (
        "tracking_code",
        "kind",
        "topic",
        "title",
        "content",
        "attachment_link",
        "contact",
        "tenant",
        "assigned_tenant",
        "status",
        "received_on",
        "deadline",
        "waiting_days",
        "answer",
        "answer_author",
        "answered_at",
        "published_at",
        "decline_reason",
    )

    # --- scope: receiving site or assigned unit ------------------------------------
    def get_queryset(self, request: HttpRequest):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        readable = self.readable_ids(request)
        if readable is not None:
            queryset = queryset.filter(Q(tenant__in=readable) | Q(assigned_tenant__in=readable))
        working = working_tenant_id(request)
        match = getattr(request, "resolver_match", None)
        if working and match and (match.url_name or "").endswith("_changelist"):
            queryset = queryset.filter(Q(tenant=working) | Q(assigned_tenant=working))
        return queryset

    def _allowed(self, ids, obj) -> bool:
        if ids is None:
            return True
        if obj is None:
            return bool(ids)
        return obj.tenant_id in ids or obj.assigned_tenant_id in ids

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # inquiries come from the public form

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser  # the record of a citizen's request is kept

    # --- display -------------------------------------------------------------------------
    def get_readonly_fields(self, request, obj=None):
        return self.readonly

    def get_fieldsets(self, request, obj=None):
        sets = [(None, {"fields": self.readonly})]
        if obj is not None and self.has_change_permission(request, obj):
            sets.append(
                (
                    _("Xử lý"),
                    {"fields": ("action", "assign_to", "answer_text", "answer_by", "reason")},
                )
            )
        return sets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        if obj is not None and "assign_to" in form.base_fields:
            root = obj.tenant
            form.base_fields["assign_to"].queryset = Tenant.objects.filter(
                root.subtree_q(),
                is_active=True,
                is_archived=False,
            )
            form.base_fields["answer_text"].initial = obj.answer
            form.base_fields["answer_by"].initial = obj.answer_author
        return form

    @admin.display(description=gettext_lazy("Người gửi"))
    def contact(self, obj: Inquiry) -> str:
        viewer = getattr(obj, "_viewer", None)
        if viewer is None or not workflow.can_handle(viewer, obj):
            return _("Chỉ cán bộ xử lý được xem thông tin liên hệ.")
        return format_html("{}<br>{}<br>{}", obj.name, obj.email, obj.phone or "—")

    @admin.display(description=gettext_lazy("Tệp đính kèm"))
    def attachment_link(self, obj: Inquiry) -> str:
        if not obj.attachment:
            return "—"
        viewer = getattr(obj, "_viewer", None)
        if viewer is None or not workflow.can_handle(viewer, obj):
            return _("Chỉ cán bộ xử lý được tải tệp.")
        url = reverse("admin:dialogue_inquiry_attachment", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Tải tệp đính kèm"))

    def get_urls(self):
        download = self.admin_site.admin_view(self.attachment_view)
        return [
            path("<int:pk>/tep-dinh-kem/", download, name="dialogue_inquiry_attachment"),
            *super().get_urls(),
        ]

    def attachment_view(self, request: HttpRequest, pk: int) -> FileResponse:
        inquiry = self.get_queryset(request).filter(pk=pk).first()
        if inquiry is None or not inquiry.attachment:
            raise Http404
        if not workflow.can_handle(request.user, inquiry):
            raise PermissionDenied
        name = inquiry.attachment.name.rsplit("/", 1)[-1]
        return FileResponse(inquiry.attachment.open("rb"), as_attachment=True, filename=name)

    @admin.display(description=gettext_lazy("Số ngày làm việc đã chờ"))
    def waiting_days(self, obj: Inquiry) -> int:
        return waiting_working_days(obj)

    @admin.display(description=gettext_lazy("Quá hạn"), boolean=True)
    def overdue(self, obj: Inquiry) -> bool:
        return bool(obj.is_open and obj.deadline and obj.deadline < timezone.localdate())

    @admin.display(description=gettext_lazy("đã xác thực"), boolean=True)
    def verified(self, obj: Inquiry) -> bool:
        """Sent by a citizen signed in with the identity provider (VNeID)."""
        return obj.citizen_id is not None

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._viewer = request.user  # the contact field depends on who looks
        return obj

    # --- workflow ------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        action = form.cleaned_data.get("action")
        data = form.cleaned_data
        try:
            if action == "assign":
                workflow.assign(obj, data["assign_to"], by=request.user)
            elif action == "draft":
                workflow.draft_answer(
                    obj, data["answer_text"], by=request.user, author=data.get("answer_by", "")
                )
            elif action == "approve":
                workflow.approve_answer(obj, by=request.user)
            elif action == "publish":
                workflow.publish(obj, by=request.user)
            elif action == "unpublish":
                workflow.unpublish(obj, by=request.user)
            elif action == "decline":
                workflow.decline(obj, data["reason"], by=request.user)
        except workflow.InquiryError as exc:
            messages.error(request, str(exc))


@admin.register(DialogueSettings)
class DialogueSettingsAdmin(TenantScopedAdmin):
    list_display = ("tenant", "answer_days")


@admin.register(Hotline)
class HotlineAdmin(TenantScopedAdmin, TranslationAdmin):
    list_display = ("purpose", "number", "hours", "is_main", "tenant")
    list_filter = ("is_main",)


class SessionQuestionForm(forms.ModelForm):
    user = None

    class Meta:
        model = SessionQuestion
        fields = ["status", "merged_into", "answer", "answered_by"]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == SessionQuestionStatus.MERGED:
            try:
                sessions.check_merge(self.instance, cleaned.get("merged_into"))
            except sessions.ModerationError as exc:
                raise forms.ValidationError(str(exc)) from exc
        if cleaned.get("answer") and status != SessionQuestionStatus.ACCEPTED:
            raise forms.ValidationError(_("Chỉ trả lời câu hỏi đã được nhận."))
        if cleaned.get("answer") and not cleaned.get("answered_by"):
            self.add_error("answered_by", _("Ghi tên lãnh đạo trả lời."))
        return cleaned


class SessionQuestionInline(TenantScopedInline, admin.StackedInline):
    model = SessionQuestion
    form = SessionQuestionForm
    fk_name = "session"
    extra = 0
    fields = (
        "name",
        "locality",
        "content",
        "created_at",
        "status",
        "merged_into",
        "answer",
        "answered_by",
    )
    readonly_fields = ("name", "locality", "content", "created_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # questions come from citizens

    def has_change_permission(self, request, obj=None) -> bool:
        # The base class derives "change" from "add", which is off here.
        return TenantScopedInline.has_add_permission(self, request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("merged_into")
        if field is not None:
            field.queryset = (
                obj.questions.filter(status=SessionQuestionStatus.ACCEPTED)
                if obj is not None
                else SessionQuestion.objects.none()
            )
        return formset


@admin.register(DialogueSession)
class DialogueSessionAdmin(TenantScopedAdmin, TranslationAdmin):
    list_display = ("title", "starts_at", "ends_at", "is_published", "tenant", "pending_count")
    prepopulated_fields = {"slug": ("title_vi",)}
    inlines = [SessionQuestionInline]

    @admin.display(description=gettext_lazy("Chờ kiểm duyệt"))
    def pending_count(self, obj: DialogueSession) -> int:
        return obj.questions.filter(status=SessionQuestionStatus.PENDING).count()

    def save_formset(self, request, form, formset, change):
        """Moderation goes through dialogue.sessions, one rule set for every channel."""
        if formset.model is not SessionQuestion:
            return super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            if not inline_form.has_changed() or inline_form.instance.pk is None:
                continue
            question = SessionQuestion.objects.select_related("session").get(
                pk=inline_form.instance.pk
            )
            data = inline_form.cleaned_data
            try:
                if data["status"] == SessionQuestionStatus.MERGED:
                    sessions.merge(question, data["merged_into"], by=request.user)
                elif data["status"] == SessionQuestionStatus.DECLINED:
                    sessions.decline(question, by=request.user)
                elif data["status"] == SessionQuestionStatus.ACCEPTED:
                    if question.status != SessionQuestionStatus.ACCEPTED:
                        question = sessions.accept(question, by=request.user)
                    if data.get("answer"):
                        sessions.answer(
                            question, data["answer"], leader=data["answered_by"], by=request.user
                        )
            except sessions.ModerationError as exc:
                messages.error(request, str(exc))
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
