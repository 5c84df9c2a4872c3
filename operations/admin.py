from django.contrib import admin
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin

from portal.admin_display import readable
from tenants.admin_scoping import TenantScopedAdmin
from tenants.models import Role

from .models import BackupRecord, DowntimeNotice, OutboxTask


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    """Read-only: operators see what waits for the broker; drain_outbox sends it."""

    list_display = ["task_name", "arguments_line", "created_at", "attempts", "last_error"]
    # Arguments are ids and plain values written by the code: shown, never typed in.
    fields = ["task_name", "arguments", "named_arguments", "created_at", "attempts", "last_error"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("tham số"))
    def arguments_line(self, obj: OutboxTask) -> str:
        named = [f"{name}={value}" for name, value in (obj.kwargs or {}).items()]
        return ", ".join([str(value) for value in obj.args or []] + named) or "—"

    @admin.display(description=gettext_lazy("tham số"))
    def arguments(self, obj: OutboxTask):
        return readable(obj.args)

    @admin.display(description=gettext_lazy("tham số có tên"))
    def named_arguments(self, obj: OutboxTask):
        return readable(obj.kwargs)


@admin.register(BackupRecord)
class BackupRecordAdmin(admin.ModelAdmin):
    """Read-only history of `manage.py backup`: the newest first, failures with their error."""

    list_display = ["created_at", "ok", "path", "size_bytes", "rows", "files", "seconds"]
    list_filter = ["ok"]
    readonly_fields = [field for field in list_display] + ["message"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DowntimeNotice)
class DowntimeNoticeAdmin(TenantScopedAdmin, TranslationAdmin):
    """Site administrators announce their site's maintenance; the editorial board (or a
    superuser) the province's, for every site with 'cả các trang thành phần'."""

    edit_roles = frozenset({Role.SITE_ADMIN, Role.APPROVER})
    list_display = ["tenant", "include_subtree", "starts_at", "ends_at", "is_emergency"]
    list_display += ["in_time", "static_exported_at"]
    list_filter = ["is_emergency"]
    fields = ["tenant", "include_subtree", "starts_at", "ends_at", "message"]
    fields += ["is_emergency", "emergency_reason"]

    @admin.display(description=gettext_lazy("Báo trước đủ 7 ngày làm việc"), boolean=True)
    def in_time(self, obj: DowntimeNotice) -> bool:
        return obj.announced_in_time

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
