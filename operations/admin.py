from django.contrib import admin

from .models import BackupRecord, OutboxTask


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    """Read-only: operators see what waits for the broker; drain_outbox sends it."""

    list_display = ["task_name", "args", "created_at", "attempts", "last_error"]
    readonly_fields = ["task_name", "args", "kwargs", "created_at", "attempts", "last_error"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


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
