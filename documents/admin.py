"""Admin: documents and consultations on the shared workflow; signing by approvers."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.publishing_admin import PublishableAdmin
from tenants.admin_scoping import TenantScopedAdmin, TenantScopedInline

from . import consultations, signing
from .models import (
    Attachment,
    Comment,
    CommentStatus,
    Consultation,
    Document,
    DocumentField,
    DocumentType,
    Relation,
    SigningCredential,
    SigningState,
)

SIGNING_FIELDS = (
    "signing_state",
    "signing_error",
    "signed_file",
    "signature_subject",
    "signature_serial",
    "signed_at",
    "signed_sha256",
    "file_sha256",
)


class RelationInline(TenantScopedInline, admin.TabularInline):
    model = Relation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]


class AttachmentInline(TenantScopedInline, admin.TabularInline):
    model = Attachment
    extra = 0


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    change_form_template = "admin/documents/document/change_form.html"
    list_display = ("number", "doc_type", "issued_on", "tenant", "status", "signing_state")
    list_select_related = ("doc_type", "tenant")
    search_fields = ("number", "number_normalised", "summary", "summary_folded")
    date_hierarchy = "issued_on"
    inlines = [RelationInline, AttachmentInline]
    actions = [*PublishableAdmin.actions, "sign_selected"]
    fieldsets = (
        (None, {"fields": ("tenant", "kind", "doc_type", "number", "issuing_body", "field")}),
        (
            gettext_lazy("Nội dung"),
            {"fields": ("title_vi", "title_en", "summary_vi", "summary_en", "full_text", "file")},
        ),
        (
            gettext_lazy("Người ký và hiệu lực"),
            {
                "fields": (
                    "signer_name",
                    "signer_title",
                    "issued_on",
                    "effective_on",
                    "expires_on",
                    "partly_expired",
                )
            },
        ),
        (gettext_lazy("Hẹn giờ"), {"fields": ("publish_at", "unpublish_at")}),
        (gettext_lazy("Ký số"), {"fields": SIGNING_FIELDS}),
    )

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *SIGNING_FIELDS)

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), "kind", "doc_type", "signing_state")

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if "_sign" in request.POST:
            self._sign(request, obj)
        return response

    def _sign(self, request, obj) -> bool:
        try:
            signing.request_signing(obj, by=request.user)
        except signing.SigningError as error:
            messages.error(request, f"{obj}: {error}")
            return False
        return True

    def _report_signing(self, request, ids: list[int]) -> None:
        # With eager tasks (tests, small installs) the result is known already.
        for document in Document.objects.filter(pk__in=ids):
            if document.signing_state == SigningState.SIGNED:
                messages.success(request, _("Đã ký số %(doc)s.") % {"doc": document})
            elif document.signing_state == SigningState.FAILED:
                messages.error(
                    request,
                    _("Ký số %(doc)s không thành công: %(error)s")
                    % {"doc": document, "error": document.signing_error},
                )
            else:
                messages.info(
                    request,
                    _("Đã gửi yêu cầu ký số %(doc)s; kết quả hiện ở trạng thái ký số.")
                    % {"doc": document},
                )

    @admin.action(description=gettext_lazy("Ký số các văn bản đã chọn"))
    def sign_selected(self, request, queryset):
        requested = [obj.pk for obj in queryset if self._sign(request, obj)]
        request._documents_signed = requested

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if getattr(request, "_documents_signed", None):
            self._report_signing(request, request._documents_signed)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "POST" and "_sign" in request.POST and object_id:
            self._report_signing(request, [int(object_id)])
        return response


@admin.register(Consultation)
class ConsultationAdmin(PublishableAdmin):
    list_display = ("title", "tenant", "opens_at", "closes_at", "status")
    search_fields = ("title",)
    autocomplete_fields = ["document"]


@admin.register(Comment)
class CommentAdmin(TenantScopedAdmin):
    list_display = ("name", "consultation", "status", "verified", "created_at")
    list_filter = ("status",)
    list_select_related = ("consultation",)
    search_fields = ("name", "body", "organisation")
    readonly_fields = ("consultation", "name", "email", "organisation", "body", "attachment")
    fields = (*readonly_fields, "status")
    actions = ["approve_selected", "reject_selected"]

    def has_add_permission(self, request, obj=None):
        return False  # comments come from citizens only

    @admin.display(description=gettext_lazy("đã xác thực"), boolean=True)
    def verified(self, obj: Comment) -> bool:
        """Sent by a citizen signed in with the identity provider (VNeID)."""
        return obj.citizen_id is not None

    @admin.action(description=gettext_lazy("Công khai các ý kiến đã chọn"))
    def approve_selected(self, request, queryset):
        chosen = queryset.filter(tenant__in=self._writable(request))
        count = consultations.moderate(chosen, CommentStatus.APPROVED, by=request.user)
        messages.success(request, _("Đã công khai %(count)d ý kiến.") % {"count": count})

    @admin.action(description=gettext_lazy("Không công khai các ý kiến đã chọn"))
    def reject_selected(self, request, queryset):
        chosen = queryset.filter(tenant__in=self._writable(request))
        count = consultations.moderate(chosen, CommentStatus.REJECTED, by=request.user)
        messages.success(request, _("Đã ẩn %(count)d ý kiến.") % {"count": count})

    def _writable(self, request):
        from tenants.models import Tenant

        ids = self.editable_ids(request)
        return Tenant.objects.all() if ids is None else Tenant.objects.filter(pk__in=ids)


class SuperuserOnlyAdmin(admin.ModelAdmin):
    """Province-wide lists and server paths: only superusers change them."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(DocumentType)
class DocumentTypeAdmin(SuperuserOnlyAdmin):
    list_display = ("name", "code", "order")
    search_fields = ("name",)


@admin.register(DocumentField)
class DocumentFieldAdmin(SuperuserOnlyAdmin):
    list_display = ("name", "order")
    search_fields = ("name",)


@admin.register(SigningCredential)
class SigningCredentialAdmin(TenantScopedAdmin):
    """Only superusers set where a site's key lives; site staff see that it exists."""

    list_display = ("label", "tenant", "kind", "is_active", "timestamp_url")
    list_filter = ("kind", "is_active")
    # One group per kind; SigningCredential.clean() says which fields the chosen kind needs.
    fieldsets = (
        (None, {"fields": ("tenant", "label", "kind", "is_active")}),
        (
            gettext_lazy("Tệp PKCS#12"),
            {
                "fields": ("pkcs12_path",),
                "description": gettext_lazy("Chỉ dùng khi nơi lưu khóa là tệp PKCS#12."),
            },
        ),
        (
            gettext_lazy("Thiết bị ký số PKCS#11"),
            {
                "fields": (
                    "pkcs11_module",
                    "pkcs11_token_label",
                    "pkcs11_key_label",
                    "pkcs11_cert_label",
                ),
                "description": gettext_lazy(
                    "Chỉ dùng khi khóa nằm trên USB token hoặc HSM; khóa không rời thiết bị."
                ),
            },
        ),
        (
            gettext_lazy("Mật khẩu hoặc mã PIN"),
            {
                "fields": ("passphrase_env", "passphrase_file"),
                "description": gettext_lazy(
                    "Không lưu trong cơ sở dữ liệu: chỉ ghi tên biến môi trường hoặc tệp "
                    "trên máy chủ ký."
                ),
            },
        ),
        (gettext_lazy("Dấu thời gian"), {"fields": ("timestamp_url",)}),
    )

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
