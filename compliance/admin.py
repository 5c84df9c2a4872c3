"""Admin: the indicator catalogue, the auditor dashboard (scores, trend, drill-down,
exports), measurement history with "re-run this site", export jobs and API consumers."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from operations import outbox
from portal.admin_display import readable
from tenants.access import ADMIN_ROLES, EDITING_ROLES, tenant_ids_for
from tenants.admin_scoping import TenantScopedAdmin
from tenants.models import Tenant

from . import dashboard, jobs, scoring, tasks
from .api import issue_token, set_new_token
from .forms import (
    INDICATOR_FIELDS,
    PARAM_PREFIX,
    ExportForm,
    IndicatorForm,
    indicator_form_for,
    other_params,
)
from .models import ApiConsumer, ExportJob, Indicator, IndicatorResult, MeasurementRun

# The drill-down lists what needs fixing first.
STATUS_ORDER = {"fail": 0, "partial": 1, "not_measured": 2, "pass": 3, "na": 4}


@admin.register(Indicator)
class IndicatorAdmin(TenantScopedAdmin):
    """A province's catalogue: switch off, re-weight, change thresholds, add indicators that
    reuse a check. Only the province's site administrators edit it."""

    form = IndicatorForm
    edit_roles = ADMIN_ROLES
    list_display = ("code", "name", "axis", "weight", "threshold_pass", "is_active", "tenant")
    list_filter = ("axis", "is_active")
    list_editable = ("weight", "is_active")
    search_fields = ("code", "name_vi", "name_en", "legal_basis")
    readonly_fields = ("other_params",)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The parameter fields are those of the stored check: a new check's fields
        # appear once the indicator is saved with it.
        kwargs["form"] = indicator_form_for(obj.check_key if obj else "")
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        form = indicator_form_for(obj.check_key if obj else "")
        names = [PARAM_PREFIX + param.name for param in form.declared]
        if obj is None:
            description = _(
                "Chọn hàm kiểm tra rồi bấm “Lưu và tiếp tục chỉnh sửa” để nhập tham số."
            )
        elif not names:
            description = _("Hàm kiểm tra “%(key)s” không có tham số.") % {"key": obj.check_key}
        else:
            description = _(
                "Tham số của hàm kiểm tra “%(key)s”. Đổi hàm kiểm tra rồi lưu để nhập tham số "
                "của hàm mới."
            ) % {"key": obj.check_key}
        if obj is not None and other_params(obj):
            names.append("other_params")
        return [
            (None, {"fields": INDICATOR_FIELDS}),
            (gettext_lazy("Tham số"), {"fields": names, "description": description}),
        ]

    @admin.display(description=gettext_lazy("tham số khác đã lưu"))
    def other_params(self, obj) -> str:
        return readable(other_params(obj) if obj is not None else {})

    def limit_related_queryset(self, request, queryset):
        queryset = super().limit_related_queryset(request, queryset)
        return queryset.filter(parent__isnull=True) if queryset.model is Tenant else queryset


class IndicatorResultInline(admin.TabularInline):
    model = IndicatorResult
    fields = ("code", "name", "axis", "status", "value", "summary", "legal_basis")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MeasurementRun)
class MeasurementRunAdmin(TenantScopedAdmin):
    """Measurement history (read-only for everyone) and the dashboard's URLs."""

    change_list_template = "compliance/admin/run_changelist.html"
    list_display = ("tenant", "started_at", "state", "score_a", "score_b", "score_c", "score")
    list_filter = ("state",)
    list_select_related = ("tenant",)
    date_hierarchy = "started_at"
    inlines = [IndicatorResultInline]
    actions = ["remeasure"]
    readonly_fields = [f.name for f in MeasurementRun._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_remeasure_permission(self, request) -> bool:
        return request.user.is_superuser or bool(tenant_ids_for(request.user, EDITING_ROLES))

    @admin.action(description=gettext_lazy("Đo lại các trang đã chọn"), permissions=["remeasure"])
    def remeasure(self, request, queryset):
        editable = self.editable_ids(request)
        tenant_ids = set(queryset.values_list("tenant_id", flat=True))
        if editable is not None and not tenant_ids <= editable:
            raise PermissionDenied(_("Bạn không có quyền đo lại trang của đơn vị khác."))
        for tenant_id in tenant_ids:
            outbox.enqueue_on_commit(tasks.measure_site, tenant_id, request.user.pk)
        messages.success(request, _("Đã yêu cầu đo lại %(n)d trang.") % {"n": len(tenant_ids)})

    # --- dashboard -----------------------------------------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("dashboard/", view(self.dashboard_view), name="compliance_dashboard"),
            path(
                "dashboard/site/<int:tenant_id>/",
                view(self.site_view),
                name="compliance_site",
            ),
            path(
                "dashboard/site/<int:tenant_id>/remeasure/",
                view(require_POST(self.remeasure_view)),
                name="compliance_remeasure",
            ),
            path(
                "dashboard/export/<int:tenant_id>/",
                view(self.export_view),
                name="compliance_export",
            ),
            *super().get_urls(),
        ]

    def _readable_tenant(self, request: HttpRequest, tenant_id: int | None) -> Tenant:
        if tenant_id is None:
            tenant = dashboard.default_root(request.user)
            if tenant is None:
                raise PermissionDenied(_("Bạn chưa được phân quyền trên đơn vị nào."))
            return tenant
        tenant = get_object_or_404(Tenant, pk=tenant_id)
        allowed = dashboard.readable_ids(request.user)
        if allowed is not None and tenant.pk not in allowed:
            raise PermissionDenied(_("Bạn không có quyền xem báo cáo của đơn vị này."))
        return tenant

    def dashboard_view(self, request: HttpRequest):
        raw = request.GET.get("site", "")
        tenant = self._readable_tenant(request, int(raw) if raw.isdigit() else None)
        data = dashboard.dashboard_page(tenant, request.user, request.GET.get("page", 1))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Đánh giá tuân thủ — %(name)s") % {"name": tenant.name},
            "data": data,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "compliance/admin/dashboard.html", context)

    def site_view(self, request: HttpRequest, tenant_id: int):
        tenant = self._readable_tenant(request, tenant_id)
        runs = MeasurementRun.objects.filter(tenant=tenant).order_by("-started_at")
        raw = request.GET.get("run", "")
        run = (runs.filter(pk=int(raw)) if raw.isdigit() else runs.filter(state="done")).first()
        trend = scoring.monthly_trend(tenant, subtree=False)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Kết quả đánh giá — %(name)s") % {"name": tenant.name},
            "site": tenant,
            "run": run,
            "results": sorted(
                run.results.all() if run else [], key=lambda r: (STATUS_ORDER[r.status], r.code)
            ),
            "history": list(runs[:20]),
            "trend_chart": dashboard.trend_chart(trend),
            "can_remeasure": self._can_remeasure(request, tenant),
            "export_form": ExportForm(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "compliance/admin/site.html", context)

    def _can_remeasure(self, request: HttpRequest, tenant: Tenant) -> bool:
        editable = self.editable_ids(request)
        return editable is None or tenant.pk in editable

    def remeasure_view(self, request: HttpRequest, tenant_id: int):
        tenant = self._readable_tenant(request, tenant_id)
        if not self._can_remeasure(request, tenant):
            raise PermissionDenied(_("Bạn không có quyền đo lại trang này."))
        outbox.enqueue_on_commit(tasks.measure_site, tenant.pk, request.user.pk)
        messages.success(request, _("Đã yêu cầu đo lại trang %(name)s.") % {"name": tenant.name})
        return HttpResponseRedirect(reverse("admin:compliance_site", args=[tenant.pk]))

    def export_view(self, request: HttpRequest, tenant_id: int):
        tenant = self._readable_tenant(request, tenant_id)
        form = ExportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            job = jobs.request_export(
                tenant,
                kind=form.cleaned_data["kind"],
                fmt=form.cleaned_data["fmt"],
                params=form.job_params(),
                by=request.user,
            )
            messages.info(request, _("Đang tạo tệp xuất; tải về khi tiến độ đạt 100%."))
            return HttpResponseRedirect(reverse("admin:compliance_exportjob_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Xuất báo cáo — %(name)s") % {"name": tenant.name},
            "site": tenant,
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "compliance/admin/export.html", context)


@admin.register(ExportJob)
class ExportJobAdmin(TenantScopedAdmin):
    list_display = ("__str__", "tenant", "state", "progress", "rows", "created_at", "download")
    readonly_fields = (
        "tenant",
        "kind",
        "fmt",
        "conditions",
        "state",
        "progress",
        "rows",
        "signed",
        "error",
        "created_at",
        "download",
    )
    fields = readonly_fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not request.user.is_superuser:
            queryset = queryset.filter(requested_by=request.user)
        return queryset

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("điều kiện"))
    def conditions(self, obj):
        return readable(jobs.conditions(obj))

    @admin.display(description=gettext_lazy("tệp"))
    def download(self, obj):
        from django.utils.html import format_html

        if obj.state != ExportJob.State.DONE or not obj.file:
            return "—"
        url = reverse("admin:compliance_exportjob_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Tải về"))

    def get_urls(self):
        return [
            path(
                "<int:job_id>/download/",
                self.admin_site.admin_view(self.download_view),
                name="compliance_exportjob_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request: HttpRequest, job_id: int):
        job = self.get_queryset(request).filter(pk=job_id).first()
        if job is None or not job.file:
            raise Http404
        return FileResponse(
            job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1]
        )


@admin.register(ApiConsumer)
class ApiConsumerAdmin(TenantScopedAdmin):
    """API consumers of a subtree; the token is shown once, at creation or renewal."""

    edit_roles = ADMIN_ROLES
    list_display = (
        "name",
        "tenant",
        "token_prefix",
        "is_active",
        "rate_per_minute",
        "last_used_at",
    )
    fields = ("tenant", "name", "is_active", "rate_per_minute", "token_prefix", "last_used_at")
    readonly_fields = ("token_prefix", "last_used_at")
    actions = ["renew_token"]

    def save_model(self, request, obj, form, change):
        token = None if change else set_new_token(obj)
        super().save_model(request, obj, form, change)
        if token:
            self._show_token(request, obj, token)

    @admin.action(description=gettext_lazy("Cấp lại mã truy cập"), permissions=["change"])
    def renew_token(self, request, queryset):
        for consumer in queryset:
            self.check_writable(request, consumer)
            self._show_token(request, consumer, issue_token(consumer))

    def _show_token(self, request, consumer, token: str) -> None:
        messages.warning(
            request,
            _("Mã truy cập của %(name)s (chỉ hiện một lần, hãy lưu lại): %(token)s")
            % {"name": consumer.name, "token": token},
        )
