"""The admin base class for tenant-owned models: every read and write is limited to the
tenants the user holds a Membership in, whatever host the admin is opened on."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .access import EDITING_ROLES, tenant_ids_for, visible_tenant_ids
from .models import Tenant
from .related_scope import scope_for_user, scoped_form_class

WORKING_TENANT_SESSION_KEY = "admin_working_tenant_id"


def working_tenant_id(request: HttpRequest) -> int | None:
    """The tenant a multi-site user chose to work on (None: all of theirs)."""
    value = request.session.get(WORKING_TENANT_SESSION_KEY)
    return value if isinstance(value, int) else None


def tenant_relation_fields(model: type[models.Model]) -> list[str]:
    """Foreign keys and many-to-many fields of `model` that point at Tenant."""
    return [
        field.name
        for field in model._meta.get_fields()
        if (field.many_to_one or field.many_to_many)
        and not field.auto_created
        and field.related_model is Tenant
    ]


def with_tenant_autocomplete(fields, raw_id_fields, model) -> tuple[str, ...]:
    """A national installation has thousands of sites: every choice of a site is an
    autocomplete (TenantAdmin's search), never a select listing them all."""
    extra = [f for f in tenant_relation_fields(model) if f not in raw_id_fields]
    return tuple(dict.fromkeys([*fields, *extra]))


class TenantScopedAdmin(admin.ModelAdmin):
    """Querysets, choices and saves limited to the user's tenants; auditors read only.

    `tenant_field` is the lookup from the model to its owning tenant. Subclasses
    whose objects belong to a tenant through a parent override `tenant_field`
    (e.g. "procedure__tenant") and `object_tenant_id`.
    """

    tenant_field = "tenant"
    edit_roles: frozenset[str] = EDITING_ROLES

    # --- scope -----------------------------------------------------------------
    def editable_ids(self, request: HttpRequest) -> frozenset[int] | None:
        if request.user.is_superuser:
            return None
        return tenant_ids_for(request.user, self.edit_roles)

    def readable_ids(self, request: HttpRequest) -> frozenset[int] | None:
        if request.user.is_superuser:
            return None
        return visible_tenant_ids(request.user)

    def object_tenant_id(self, obj: models.Model) -> int | None:
        if self.tenant_field == "pk":
            return obj.pk
        *path, last = self.tenant_field.split("__")
        for part in path:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return getattr(obj, f"{last}_id", None)

    def get_queryset(self, request: HttpRequest):
        queryset = super().get_queryset(request)
        readable = self.readable_ids(request)
        if readable is not None:
            queryset = queryset.filter(**{f"{self.tenant_field}__in": readable})
        match = getattr(request, "resolver_match", None)
        working = working_tenant_id(request)
        if working and match and match.url_name and match.url_name.endswith("_changelist"):
            queryset = queryset.filter(**{self.tenant_field: working})
        return queryset

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            field = (
                self.model._meta.pk
                if from_field is None
                else self.model._meta.get_field(from_field)
            )
            try:
                key = field.to_python(object_id)
            except Exception:  # noqa: BLE001 - a malformed id is simply "not found"
                return None
            if self.model._default_manager.filter(**{field.attname: key}).exists():
                raise PermissionDenied(_("Bạn không có quyền với dữ liệu của đơn vị khác."))
        return obj

    # --- permissions -------------------------------------------------------------
    def _allowed(self, ids: frozenset[int] | None, obj) -> bool:
        if ids is None:
            return True
        if obj is None:
            return bool(ids)
        return self.object_tenant_id(obj) in ids

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and self._allowed(self.readable_ids(request), None)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and self._allowed(self.readable_ids(request), obj)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and self._allowed(self.editable_ids(request), None)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and self._allowed(self.editable_ids(request), obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    # --- forms -------------------------------------------------------------------
    def get_autocomplete_fields(self, request: HttpRequest):
        fields = super().get_autocomplete_fields(request)
        return with_tenant_autocomplete(fields, self.raw_id_fields, self.model)

    def default_tenant(self, request: HttpRequest) -> Tenant | None:
        editable = self.editable_ids(request)
        for candidate in (working_tenant_id(request), getattr(request.tenant, "pk", None)):
            if candidate and (editable is None or candidate in editable):
                return Tenant.objects.filter(pk=candidate).first()
        if editable and len(editable) == 1:
            return Tenant.objects.filter(pk__in=editable).first()
        return None

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        initial = super().get_changeform_initial_data(request)
        if self.tenant_field == "tenant" and "tenant" not in initial:
            tenant = self.default_tenant(request)
            if tenant is not None:
                initial["tenant"] = tenant.pk
        return initial

    def limit_related_queryset(self, request: HttpRequest, queryset):
        """Choices offered for a relation: see tenants.related_scope.scope_for_user."""
        return scope_for_user(queryset, request.user, roles=self.edit_roles)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = self.limit_related_queryset(request, field.queryset)
            if db_field.name == self.tenant_field and db_field.related_model is Tenant:
                self._fix_single_site(request, field)
        return field

    def _fix_single_site(self, request: HttpRequest, field) -> None:
        """An editor of one site never picks the site: the field is filled in and hidden
        (its choices are still that one site, so a forged value is refused)."""
        editable = self.editable_ids(request)
        if editable is None or len(editable) != 1:
            return
        (only,) = editable
        field.widget = forms.HiddenInput()
        field.initial = only

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = self.limit_related_queryset(request, field.queryset)
        return field

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        # Fields declared on a custom form bypass the formfield hooks: scope them too.
        form = super().get_form(request, obj, change=change, **kwargs)
        return scoped_form_class(form, request.user, self.edit_roles)

    def get_changelist_form(self, request: HttpRequest, **kwargs):
        form = super().get_changelist_form(request, **kwargs)
        return scoped_form_class(form, request.user, self.edit_roles)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        self.check_writable(request, obj)
        super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj) -> None:
        self.check_writable(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for obj in queryset:
            self.check_writable(request, obj)
        super().delete_queryset(request, queryset)

    def check_writable(self, request: HttpRequest, obj) -> None:
        """The last guard: whatever the form said, refuse a write outside the user's tenants."""
        editable = self.editable_ids(request)
        if editable is not None and self.object_tenant_id(obj) not in editable:
            raise PermissionDenied(_("Bạn không có quyền ghi dữ liệu cho đơn vị này."))


class TenantScopedInline:
    """Mixin for inlines: permissions follow the tenant of the parent object.

    `parent_tenant_field` is "tenant" when the parent is tenant-owned, "pk" when
    the parent is the Tenant itself.
    """

    parent_tenant_field = "tenant"
    edit_roles: frozenset[str] = EDITING_ROLES

    def get_autocomplete_fields(self, request: HttpRequest):
        fields = super().get_autocomplete_fields(request)
        return with_tenant_autocomplete(fields, self.raw_id_fields, self.model)

    def _parent_tenant_id(self, obj) -> int | None:
        if obj is None:
            return None
        return obj.pk if self.parent_tenant_field == "pk" else getattr(obj, "tenant_id", None)

    def _inline_allowed(self, request: HttpRequest, obj, ids: frozenset[int]) -> bool:
        if not request.user.is_active:
            return False
        if request.user.is_superuser:
            return True
        tenant_id = self._parent_tenant_id(obj)
        return bool(ids) if tenant_id is None else tenant_id in ids

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        """Every relation in the inline's rows is scoped like the parent form's."""
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = scoped_form_class(formset.form, request.user, self.edit_roles)
        return formset

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        ids = frozenset() if request.user.is_superuser else visible_tenant_ids(request.user)
        return self._inline_allowed(request, obj, ids)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        ids = (
            frozenset()
            if request.user.is_superuser
            else tenant_ids_for(request.user, self.edit_roles)
        )
        return self._inline_allowed(request, obj, ids)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_add_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_add_permission(request, obj)
