from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tenants.admin_scoping import TenantScopedAdmin

from .models import SearchQueryStat


class ZeroResultsFilter(admin.SimpleListFilter):
    title = _("kết quả")
    parameter_name = "zero"

    def lookups(self, request, model_admin):
        return [("1", _("Có lượt không tìm thấy"))]

    def queryset(self, request, queryset):
        return queryset.filter(zero_results__gt=0) if self.value() == "1" else queryset


@admin.register(SearchQueryStat)
class SearchQueryStatAdmin(TenantScopedAdmin):
    """Top and zero-result queries per site and week: read-only, own sites only."""

    list_display = ("query", "week", "searches", "zero_results", "tenant")
    list_filter = ("week", ZeroResultsFilter)
    search_fields = ("query",)
    ordering = ("-week", "-searches")
    list_select_related = ("tenant",)
    readonly_fields = ("tenant", "week", "query", "searches", "zero_results")
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
