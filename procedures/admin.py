"""Admin: sources (configure, import a file, dry run, sync), the synced catalogue read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from operations import outbox
from portal.admin_display import readable
from tenants.access import ADMIN_ROLES
from tenants.admin_scoping import TenantScopedAdmin, TenantScopedInline
from tenants.text import fold_vietnamese

from . import fetch, sync, tasks
from .models import DossierItem, Procedure, SyncRun, SyncSource


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp xuất từ hệ thống dịch vụ công (JSON hoặc CSV)"))
    dry_run = forms.BooleanField(
        label=gettext_lazy("Chạy thử: chỉ báo cáo sẽ thêm, sửa, ngưng áp dụng gì"),
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > fetch.max_bytes():
            raise forms.ValidationError(fetch.too_large_message(upload.size, fetch.max_bytes()))
        return upload


def report_run(request: HttpRequest, run: SyncRun) -> None:
    if run.outcome == SyncRun.Outcome.OK:
        text = _(
            "%(prefix)sThêm mới %(c)d, cập nhật %(u)d, ngưng áp dụng %(w)d, áp dụng lại %(r)d, "
            "không đổi %(n)d."
        ) % {
            "prefix": _("Chạy thử — chưa ghi gì. ") if run.dry_run else "",
            "c": run.created, "u": run.updated, "w": run.withdrawn, "r": run.reinstated,
            "n": run.unchanged,
        }  # fmt: skip
        messages.success(request, text)
    else:
        messages.error(
            request,
            _("%(outcome)s — không có thay đổi nào được ghi.")
            % {"outcome": run.get_outcome_display()},
        )
        for error in run.errors[:20]:
            messages.error(request, error)


@admin.register(SyncSource)
class SyncSourceAdmin(TenantScopedAdmin):
    edit_roles = ADMIN_ROLES
    list_display = ("name", "slug", "tenant", "url", "is_active")
    actions = ["dry_run_from_url", "sync_from_url"]
    change_form_template = "procedures/admin/source_change_form.html"

    def get_urls(self):
        custom = [
            path(
                "<int:pk>/nhap-tep/",
                self.admin_site.admin_view(self.import_view),
                name="procedures_syncsource_import",
            )
        ]
        return custom + super().get_urls()

    def import_view(self, request: HttpRequest, pk: int):
        source = get_object_or_404(self.get_queryset(request).select_related("tenant"), pk=pk)
        if not self.has_change_permission(request, source):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            run = sync.sync_source(
                source, data=upload.read(), filename=upload.name,
                dry_run=form.cleaned_data["dry_run"], trigger=f"admin:{request.user.pk}",
            )  # fmt: skip
            report_run(request, run)
            return redirect(reverse("admin:procedures_syncsource_import", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Nhập danh mục thủ tục: %(name)s") % {"name": source.name},
            "form": form,
            "source": source,
            "opts": self.model._meta,
            "runs": source.runs.all()[:10],
        }
        return TemplateResponse(request, "procedures/admin/import.html", context)

    def _run_action(self, request, queryset, dry_run: bool) -> None:
        """Fetching a URL may take minutes (retries, backoff): it runs in a Celery task."""
        for source in queryset.select_related("tenant"):
            if not self.has_change_permission(request, source):
                raise PermissionDenied
            if not source.url:
                messages.error(
                    request, _("%(name)s: chưa có địa chỉ tải dữ liệu.") % {"name": source}
                )
                continue
            outbox.enqueue_on_commit(
                tasks.sync_source, source.pk, dry_run=dry_run, trigger=f"admin:{request.user.pk}"
            )
            messages.info(
                request,
                _("%(name)s: đã đưa vào hàng đợi; kết quả ghi ở mục Lượt đồng bộ.")
                % {"name": source},
            )

    @admin.action(description=gettext_lazy("Chạy thử đồng bộ từ URL"))
    def dry_run_from_url(self, request, queryset):
        self._run_action(request, queryset, dry_run=True)

    @admin.action(description=gettext_lazy("Đồng bộ ngay từ URL"))
    def sync_from_url(self, request, queryset):
        self._run_action(request, queryset, dry_run=False)


class ReadOnlyMixin:
    """Synced data: the next sync would overwrite any edit, so nobody edits here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DossierInline(ReadOnlyMixin, TenantScopedInline, admin.TabularInline):
    model = DossierItem
    fields = ("name", "quantity", "form_name", "form_url")
    extra = 0


@admin.register(Procedure)
class ProcedureAdmin(ReadOnlyMixin, TenantScopedAdmin):
    list_display = ("code", "name", "field", "level", "online_level", "status", "synced_at")
    list_filter = ("status", "level", "online_level")
    search_fields = ("code", "search_text")
    list_select_related = ("field",)
    inlines = [DossierInline]
    exclude = ("search_text", "sort_name", "content_hash", "legal_basis")
    readonly_fields = ("legal_basis_list",)

    @admin.display(description=gettext_lazy("căn cứ pháp lý"))
    def legal_basis_list(self, obj: Procedure):
        """One document a line: its number and title, as the public page lists them."""
        lines = [
            " — ".join(part for part in (item.get("number", ""), item.get("title", "")) if part)
            if isinstance(item, dict)
            else item
            for item in obj.legal_basis or []
        ]
        return readable(lines)

    def get_search_results(self, request, queryset, search_term):
        # search_text is folded: fold the term too, so "Kết hôn" finds it.
        return super().get_search_results(request, queryset, fold_vietnamese(search_term).lower())


@admin.register(SyncRun)
class SyncRunAdmin(ReadOnlyMixin, TenantScopedAdmin):
    tenant_field = "source__tenant"
    list_display = ("source", "started_at", "trigger", "dry_run", "outcome", "created", "updated",
                    "withdrawn", "reinstated", "unchanged", "seconds")  # fmt: skip
    list_filter = ("outcome", "dry_run")
    exclude = ("errors",)
    readonly_fields = ("error_list",)

    @admin.display(description=gettext_lazy("lỗi"))
    def error_list(self, obj: SyncRun):
        return readable(obj.errors)
