from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin
from mptt.admin import MPTTModelAdmin

from . import hostname_policy
from .access import ADMIN_ROLES
from .admin_lifecycle import archive_sites, move_sites
from .admin_scoping import TenantScopedAdmin, TenantScopedInline
from .domains import suggest_hostname
from .lifecycle.site import keep_former_name
from .models import Domain, Membership, Tenant


class DomainForm(forms.ModelForm):
    """Refuses an IP literal from anyone who cannot approve hostnames."""

    approver: bool = False

    class Meta:
        model = Domain
        fields = ("hostname",)

    def clean_hostname(self) -> str:
        hostname = self.cleaned_data["hostname"]
        if not self.approver and hostname_policy.is_ip_literal(hostname):
            raise forms.ValidationError(_("Không dùng địa chỉ IP làm tên miền của trang."))
        return hostname


def _domain_form_for(request) -> type[DomainForm]:
    return type(
        "DomainForm",
        (DomainForm,),
        {"approver": hostname_policy.may_approve_hostnames(request.user)},
    )


class DomainInline(TenantScopedInline, admin.TabularInline):
    parent_tenant_field = "pk"
    edit_roles = ADMIN_ROLES
    model = Domain
    extra = 0
    fields = ("hostname", "is_primary", "redirect_to_primary", "is_approved")
    readonly_fields = ("is_approved",)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = _domain_form_for(request)
        return super().get_formset(request, obj, **kwargs)


@admin.register(Tenant)
class TenantAdmin(TenantScopedAdmin, TranslationAdmin, MPTTModelAdmin):
    tenant_field = "pk"
    edit_roles = ADMIN_ROLES
    list_display = ("name", "kind", "slug", "is_active", "is_archived", "suggested_hostname")
    list_filter = ("kind", "is_active", "is_archived")
    search_fields = ("name", "slug")
    inlines = [DomainInline]
    actions = [archive_sites, move_sites]
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
        if change:
            before = Tenant.objects.get(pk=obj.pk)
            if before.name_vi != obj.name_vi:  # the legal (Vietnamese) name changed
                keep_former_name(before, new_name=obj.name_vi, by=request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Domain:
            for domain_form in formset.forms:
                if domain_form in formset.deleted_forms or not domain_form.has_changed():
                    continue
                hostname_policy.apply_to_change(
                    domain_form.instance,
                    by=request.user,
                    hostname_changed="hostname" in domain_form.changed_data,
                )
                _tell_if_pending(request, domain_form.instance)
        super().save_formset(request, form, formset, change)


def _tell_if_pending(request, domain: Domain) -> None:
    if not domain.is_approved:
        messages.warning(
            request,
            _(
                "Tên miền %(host)s nằm ngoài các hậu tố được phép nên đang chờ Ban Biên tập "
                "hoặc quản trị hệ thống duyệt; trong thời gian chờ, tên miền này chưa hoạt động."
            )
            % {"host": domain.hostname},
        )


@admin.register(Domain)
class DomainAdmin(TenantScopedAdmin):
    edit_roles = ADMIN_ROLES
    list_display = ("hostname", "tenant", "is_primary", "redirect_to_primary", "is_approved")
    list_filter = ("is_approved", "is_primary")
    search_fields = ("hostname", "tenant__name")
    fields = ("tenant", "hostname", "is_primary", "redirect_to_primary", "is_approved")
    readonly_fields = ("is_approved", "approved_by", "approved_at")
    actions = ["approve_selected"]

    def get_fields(self, request, obj=None):
        return (*self.fields, "approved_by", "approved_at") if obj else self.fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = _domain_form_for(request)
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change):
        hostname_policy.apply_to_change(
            obj, by=request.user, hostname_changed="hostname" in form.changed_data
        )
        super().save_model(request, obj, form, change)
        _tell_if_pending(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not hostname_policy.may_approve_hostnames(request.user):
            actions.pop("approve_selected", None)
        return actions

    @admin.action(description=gettext_lazy("Duyệt các tên miền đã chọn"))
    def approve_selected(self, request, queryset):
        count = hostname_policy.approve(queryset, by=request.user)
        self.message_user(request, _("Đã duyệt %(n)d tên miền.") % {"n": count})


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


from . import admin_lifecycle  # noqa: E402, F401
