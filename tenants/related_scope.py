"""What a staff member may point a relation at: the one rule behind every foreign key and
many-to-many choice in the scoped admin (forms, inlines, autocompletes).

A related row is allowed when it belongs to a tenant the user may see; a `Tenant` choice
itself (owner, parent, location, assigned unit) must be one the user may edit. The owning
tenant of any model is found by walking its foreign keys (`tenant_lookup`), so a new
model gets the rule without a line of admin code. The check happens on the server: the
form field's queryset is what Django validates a POSTed id against, so a forged id for
another site's object answers a form error and stores nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q, QuerySet

from .access import EDITING_ROLES, tenant_ids_for, visible_tenant_ids
from .models import Membership, Tenant, TenantOwned

_MAX_DEPTH = 3


def tenant_lookup(model: type[models.Model], depth: int = _MAX_DEPTH) -> str | None:
    """The ORM lookup from `model` to its owning tenant's id, or None when it has none.

    `Tenant` → "pk"; a `TenantOwned` model → "tenant"; otherwise the first non-null
    foreign key whose target has an owner, e.g. SessionQuestion → "session__tenant".
    A model may state it as `tenant_lookup = "..."` on the class.
    """
    if model is Tenant or (isinstance(model, type) and issubclass(model, Tenant)):
        return "pk"
    declared = getattr(model, "tenant_lookup", None)
    if isinstance(declared, str):
        return declared
    if issubclass(model, TenantOwned):
        return "tenant"
    if depth <= 0:
        return None
    for field in model._meta.concrete_fields:
        if not field.many_to_one or field.null or field.related_model is model:
            continue
        below = tenant_lookup(field.related_model, depth - 1)
        if below is not None:
            return field.name if below == "pk" else f"{field.name}__{below}"
    return None


def scope_for_user(queryset: QuerySet, user, *, roles: frozenset[str] = EDITING_ROLES) -> QuerySet:
    """`queryset` narrowed to the rows `user` may choose as the target of a relation.

    Superusers choose anything. Tenants: those the user edits with `roles`. Users: the
    members of those tenants plus accounts with no site yet (never a superuser). Other
    rows: those whose owning tenant the user may see. A model with no owner (a shared
    catalogue such as document types) is left as it is.
    """
    if user.is_superuser:
        return queryset
    model = queryset.model
    if model is Tenant:
        return queryset.filter(pk__in=tenant_ids_for(user, roles))
    if model is get_user_model():
        members = Membership.objects.filter(tenant__in=tenant_ids_for(user, roles))
        return queryset.filter(
            Q(pk__in=members.values("user_id")) | Q(memberships__isnull=True),
            is_superuser=False,
        ).distinct()
    lookup = tenant_lookup(model)
    if lookup is None:
        return queryset
    allowed = Q(**{f"{lookup}__in": visible_tenant_ids(user)})
    if callable(getattr(queryset, "published", None)):
        # What a site inherits: a commune document may guide or amend the province's
        # published ones, never another commune's.
        inherited = queryset.published().filter(**{f"{lookup}__in": ancestor_ids(user)})
        allowed |= Q(pk__in=inherited.values("pk"))
    return queryset.filter(allowed)


def ancestor_ids(user) -> frozenset[int]:
    """Ids of the tenants above the sites the user holds a membership on."""
    scope = Q(pk__in=[])
    for tenant in Tenant.objects.filter(memberships_scope(user)):
        scope |= tenant.ancestors_q(include_self=False)
    return frozenset(Tenant.objects.filter(scope).values_list("pk", flat=True))


def memberships_scope(user) -> Q:
    return Q(pk__in=Membership.objects.filter(user=user).values("tenant_id"))


def scope_formfield(field, user, *, roles: frozenset[str] = EDITING_ROLES):
    """Narrow a model-choice form field in place (None and plain fields pass through)."""
    if field is not None and isinstance(getattr(field, "queryset", None), QuerySet):
        field.queryset = scope_for_user(field.queryset, user, roles=roles)
    return field


def scoped_form_class(form_class: type, user, roles: frozenset[str] = EDITING_ROLES) -> type:
    """A subclass of `form_class` whose every model-choice field is scoped to `user`."""

    class ScopedForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                scope_formfield(field, user, roles=roles)

    ScopedForm.__name__ = form_class.__name__
    ScopedForm.__qualname__ = form_class.__qualname__
    ScopedForm.__module__ = form_class.__module__
    return ScopedForm
