"""Admin: one entry per section (proxies of Record), the shared workflow buttons, typed
extension inlines, and the upload → preview → save flow for figures tables."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.publishing_admin import PublishableAdmin
from tenants.admin_scoping import TenantScopedInline

from . import tables, timeliness
from .forms import RecordForm
from .models import (
    SECTION_PROXIES,
    Attachment,
    BudgetDetails,
    DatasetDetails,
    DeadlineRule,
    PlanDetails,
    ProjectDetails,
    RecruitmentDetails,
    Section,
)

# Sections whose figures must not be negative (revenue, spending, capital).
NON_NEGATIVE_SECTIONS = {Section.BUDGET, Section.INVESTMENT}
TABLE_SESSION_KEY = "disclosure-table-preview-{pk}"


class AttachmentInline(TenantScopedInline, admin.StackedInline):
    model = Attachment
    extra = 0
    fields = (
        "role",
        "title_vi",
        "title_en",
        "file",
        "url",
        "alt_text_vi",
        "alt_text_en",
        "date",
        "position",
    )


def _extension_inline(model_class, fields=None):
    return type(
        f"{model_class.__name__}Inline",
        (TenantScopedInline, admin.StackedInline),
        {
            "model": model_class,
            "min_num": 1,
            "max_num": 1,
            "can_delete": False,
            **({"fields": fields} if fields else {}),
        },
    )


EXTENSION_INLINES = {
    Section.PLANNING: _extension_inline(PlanDetails),
    Section.BUDGET: _extension_inline(BudgetDetails),
    Section.INVESTMENT: _extension_inline(ProjectDetails),
    Section.STATISTICS: _extension_inline(DatasetDetails),
    Section.RECRUITMENT: _extension_inline(RecruitmentDetails),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp bảng số liệu (.csv hoặc .xlsx)"),
        help_text=gettext_lazy(
            "Dòng 1: tiêu đề. Cột A: chỉ tiêu; cột “Đơn vị tính” (không bắt buộc); các cột "
            "còn lại là số, viết kiểu Việt Nam: 1.234.567,5. Tối đa 2 MB, 1000 dòng."
        ),
    )


class SectionRecordAdmin(PublishableAdmin):
    form = RecordForm  # the metadata as "name: value" lines, not raw JSON
    list_display = ("title", "tenant", "year", "status", "record_status", "late_flag")
    list_select_related = ("tenant", "budget")
    search_fields = ("title", "reference_number")
    readonly_fields = ("table_link", "timeliness_note")
    fieldsets = (
        (None, {"fields": ("tenant", "title_vi", "title_en", "slug", "summary_vi", "summary_en")}),
        (
            gettext_lazy("Phân loại, thời gian"),
            {
                "fields": (
                    "field",
                    "record_status",
                    "fact_date",
                    "year",
                    "period_start",
                    "period_end",
                    "location",
                    "timeliness_note",
                )
            },
        ),
        (
            gettext_lazy("Quyết định"),
            {"fields": ("reference_number", "reference_title")},
        ),
        (gettext_lazy("Bảng số liệu"), {"fields": ("table_link",)}),
        (
            gettext_lazy("Siêu dữ liệu cho máy đọc"),
            {"fields": ("metadata",), "classes": ("collapse",)},
        ),
        (
            gettext_lazy("Đăng tải"),
            {"fields": ("status", "published_at", "publish_at", "unpublish_at", "review_note")},
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).filter(section=self.model.SECTION)

    def get_inline_instances(self, request, obj=None):
        inline_classes = [AttachmentInline]
        if self.model.SECTION in EXTENSION_INLINES:
            inline_classes.insert(0, EXTENSION_INLINES[self.model.SECTION])
        return [cls(self.model, self.admin_site) for cls in inline_classes]

    def save_model(self, request, obj, form, change):
        obj.section = self.model.SECTION
        super().save_model(request, obj, form, change)

    @admin.display(description=gettext_lazy("chậm hạn"), boolean=True)
    def late_flag(self, obj) -> bool:
        return timeliness.timeliness(obj).late

    @admin.display(description=gettext_lazy("thời hạn công khai"))
    def timeliness_note(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "—"
        result = timeliness.timeliness(obj)
        text = _("Hạn đăng: %(deadline)s") % {"deadline": f"{result.deadline:%d/%m/%Y}"}
        if result.late:
            text += " — " + _("chậm %(days)d ngày") % {"days": result.days_late}
        return text

    @admin.display(description=gettext_lazy("bảng số liệu"))
    def table_link(self, obj) -> str:
        if obj is None or obj.pk is None:
            return _("Lưu mục này trước, rồi tải bảng số liệu lên.")
        url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_table", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a> ({})',
            url,
            _("Tải lên bảng số liệu CSV/XLSX"),
            _("%(count)d dòng hiện có") % {"count": obj.rows.count()},
        )

    # --- the table upload: validate → preview → save -----------------------------
    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "<int:object_id>/bang-so-lieu/",
                self.admin_site.admin_view(self.table_view),
                name="{}_{}_table".format(*info),
            ),
            *super().get_urls(),
        ]

    def table_view(self, request: HttpRequest, object_id: int):
        obj = self.get_object(request, str(object_id))
        if obj is None:
            return HttpResponseRedirect(reverse("admin:index"))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        key = TABLE_SESSION_KEY.format(pk=obj.pk)
        form = UploadForm()
        preview, errors = None, []
        if request.method == "POST" and "_confirm" in request.POST:
            data = request.session.pop(key, None)
            if data is None:
                messages.error(request, _("Bản xem trước đã hết hạn, vui lòng tải tệp lên lại."))
            else:
                self.check_writable(request, obj)
                tables.save_table(obj, tables.ParsedTable.from_json(data))
                messages.success(
                    request, _("Đã lưu %(count)d dòng số liệu.") % {"count": len(data["rows"])}
                )
                opts = obj._meta
                change = f"admin:{opts.app_label}_{opts.model_name}_change"
                return HttpResponseRedirect(reverse(change, args=[obj.pk]))
        elif request.method == "POST":
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    preview = tables.parse_table(
                        form.cleaned_data["file"],
                        allow_negative=obj.section not in NON_NEGATIVE_SECTIONS,
                    )
                except tables.TableError as error:
                    errors = error.messages
                else:
                    request.session[key] = preview.as_json()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": obj,
            "title": _("Bảng số liệu: %(title)s") % {"title": obj.title},
            "form": form,
            "preview": preview,
            "errors": errors,
        }
        return TemplateResponse(
            request, "admin/disclosure/table_upload.html", context, status=400 if errors else 200
        )


for _section, _proxy in SECTION_PROXIES.items():
    admin.site.register(_proxy, type(f"{_proxy.__name__}Admin", (SectionRecordAdmin,), {}))


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    """Province-wide rules: only superusers change them (they are the law, not a site's)."""

    list_display = ("section", "budget_stage", "days", "day_kind", "legal_basis")

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        timeliness.forget_rules()
