from django.contrib import admin

from .models import OutboxTask


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    """Read-only: operators see what waits for the broker; drain_outbox sends it."""

    list_display = ["task_name", "args", "created_at", "attempts", "last_error"]
    readonly_fields = ["task_name", "args", "kwargs", "created_at", "attempts", "last_error"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
