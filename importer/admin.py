"""The board / site admin describes an old site, starts a dry run or an import, reads the log."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenants.access import PUBLISHING_ROLES
from tenants.admin_scoping import TenantScopedAdmin, TenantScopedInline

from . import runs
from .forms import SourceProfileForm
from .models import ImportItem, ImportRun, ItemState, RunState, SourceProfile


@admin.register(SourceProfile)
class SourceProfileAdmin(TenantScopedAdmin):
    edit_roles = PUBLISHING_ROLES  # the editorial board and site administrators
    form = SourceProfileForm  # the sources as lines of text, not raw JSON
    list_display = ("name", "tenant", "base_url", "publish")
    list_filter = ("publish",)
    search_fields = ("name", "slug", "base_url")
    actions = ["dry_run_selected", "import_selected", "update_selected"]
    fieldsets = (
        (None, {"fields": ("tenant", "name", "slug", "base_url", "old_hostnames", "sources")}),
        (
            gettext_lazy("Bộ chọn (để trống: tự nhận diện nội dung chính)"),
            {
                "fields": (
                    "item_link_selector",
                    "next_page_selector",
                    "title_selector",
                    "date_selector",
                    "summary_selector",
                    "body_selector",
                    "image_selector",
                    "attachment_selector",
                )
            },
        ),
        (
            gettext_lazy("Cách tải và ghi"),
            {
                "fields": (
                    "publish",
                    "delay_seconds",
                    "timeout_seconds",
                    "max_page_bytes",
                    "max_file_bytes",
                    "max_items",
                    "respect_robots",
                )
            },
        ),
    )

    def _start(self, request, queryset, **kwargs) -> None:
        editable = self.editable_ids(request)
        started = []
        for profile in queryset:
            if editable is None or profile.tenant_id in editable:
                started.append(runs.queue(profile, by=request.user, **kwargs).pk)
        messages.success(
            request,
            _("Đã xếp lịch %(count)d lần chạy (số %(ids)s); xem tiến độ ở mục Lần chuyển dữ liệu.")
            % {"count": len(started), "ids": ", ".join(map(str, started)) or "—"},
        )

    @admin.action(description=gettext_lazy("Chạy thử (chỉ báo cáo, không ghi)"))
    def dry_run_selected(self, request, queryset):
        self._start(request, queryset, dry_run=True)

    @admin.action(description=gettext_lazy("Chuyển dữ liệu (bỏ qua mục đã nhập)"))
    def import_selected(self, request, queryset):
        self._start(request, queryset, dry_run=False)

    @admin.action(description=gettext_lazy("Chuyển dữ liệu, cập nhật cả mục đã nhập"))
    def update_selected(self, request, queryset):
        self._start(request, queryset, dry_run=False, update_done=True)


class ItemInline(TenantScopedInline, admin.TabularInline):
    model = ImportItem
    parent_tenant_field = "tenant"
    fk_name = "run"
    extra = 0
    can_delete = False
    fields = ("state", "source_url", "title", "new_path", "message")
    readonly_fields = fields
    ordering = ("state", "id")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(TenantScopedAdmin):
    list_display = (
        "__str__",
        "dry_run",
        "state",
        "progress",
        "created",
        "updated",
        "skipped",
        "failed",
        "created_at",
    )
    list_filter = ("state", "dry_run")
    readonly_fields = (
        "profile",
        "dry_run",
        "update_done",
        "state",
        "started_by",
        "started_at",
        "finished_at",
        "progress",
        "created",
        "updated",
        "skipped",
        "failed",
        "report",
    )
    fields = readonly_fields
    inlines = [ItemInline]

    @admin.display(description=gettext_lazy("tiến độ"))
    def progress(self, obj: ImportRun) -> str:
        done = f"{obj.processed}/{obj.total}"
        if obj.state != RunState.RUNNING or not obj.processed or not obj.started_at:
            return done
        elapsed = max((timezone.now() - obj.started_at).total_seconds(), 0.001)
        rate = obj.processed / elapsed
        left = (obj.total - obj.processed) / rate
        return _("%(done)s · %(rate).1f mục/giây · còn khoảng %(left)d giây") % {
            "done": done,
            "rate": rate,
            "left": left,
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        run = self.get_object(request, object_id)
        if run is not None and run.state in (RunState.QUEUED, RunState.RUNNING):
            response["Refresh"] = "5"  # the page follows a running import by itself
        return response

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # runs are started from a profile

    def has_change_permission(self, request, obj=None) -> bool:
        return False


__all__ = ["ItemState"]
