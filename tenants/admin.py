from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin
from mptt.admin import MPTTModelAdmin

from .access import ADMIN_ROLES
from .admin_scoping import TenantScopedAdmin, TenantScopedInline
from .domains import suggest_hostname
from .models import Domain, Membership, Tenant


class DomainInline(TenantScopedInline, admin.TabularInline):
    parent_tenant_field = "pk"
    edit_roles = ADMIN_ROLES
    model = Domain
    extra = 0
    fields = ("hostname", "is_primary", "redirect_to_primary")


@admin.register(Tenant)
class TenantAdmin(TenantScopedAdmin, TranslationAdmin, MPTTModelAdmin):
    tenant_field = "pk"
    edit_roles = ADMIN_ROLES
    list_display = ("name", "kind", "slug", "is_active", "is_archived", "suggested_hostname")
    list_filter = ("kind", "is_active", "is_archived")
    search_fields = ("name", "slug")
    inlines = [DomainInline]
    fieldsets = (
        (
            None,
            {"fields": ("parent", "kind", "slug", "name", "short_name", "introduction", "order")},
        ),
        (gettext_lazy("Trạng thái"), {"fields": ("is_active", "is_archived")}),
        (
            gettext_lazy("Chân trang (Nghị định 42/224)"),
            {
                "fields": (
                    "governing_body",
                    "responsible_person",
                    "responsible_title",
                    "address",
                    "phone",
                    "email",
                    "hotline",
                    "license_text",
                    "facebook_url",
                    "zalo_url",
                    "youtube_url",
                    "platform_label",
                    "platform_label_url",
                )
            },
        ),
        (gettext_lazy("Nhận diện"), {"fields": ("logo", "theme_color")}),
    )

    @admin.display(description=gettext_lazy("tên miền gợi ý (NĐ 224, Điều 11)"))
    def suggested_hostname(self, obj: Tenant) -> str:
        return suggest_hostname(obj)

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return ()
        # Moving a site in the tree or renaming its slug is the province's job.
        return ("parent", "kind", "slug", "is_archived")

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser:
            editable = self.editable_ids(request) or frozenset()
            if obj.parent_id not in editable:
                raise PermissionDenied(_("Chỉ tạo được trang thành phần dưới đơn vị bạn quản trị."))
            super(TenantScopedAdmin, self).save_model(request, obj, form, change)
            return
        super().save_model(request, obj, form, change)


@admin.register(Domain)
class DomainAdmin(TenantScopedAdmin):
    edit_roles = ADMIN_ROLES
    list_display = ("hostname", "tenant", "is_primary", "redirect_to_primary")
    list_filter = ("is_primary",)
    search_fields = ("hostname", "tenant__name")


@admin.register(Membership)
class MembershipAdmin(TenantScopedAdmin):
    edit_roles = ADMIN_ROLES
    list_display = ("user", "tenant", "role", "include_descendants")
    list_filter = ("role", "include_descendants")
    search_fields = ("user__username", "tenant__name")
    autocomplete_fields = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "user" and not request.user.is_superuser:
            field.queryset = field.queryset.filter(is_superuser=False)
        return field

    def save_model(self, request, obj, form, change):
        if obj.include_descendants and not request.user.is_superuser:
            editable = self.editable_ids(request) or frozenset()
            subtree = obj.tenant.get_descendants(include_self=True).values_list("pk", flat=True)
            if not set(subtree) <= editable:
                raise PermissionDenied(_("Không thể cấp quyền rộng hơn quyền của chính bạn."))
        super().save_model(request, obj, form, change)
