"""Every relation an editor can POST in the admin is checked against the editor's sites.

The walk needs no list of fields: it opens the add form (or, where adding is off, the
change form of an object of the editor's own site) of every registered admin, finds every
model-choice field of the form and of its inlines, makes an object of that field's model
in ANOTHER site and forges a POST that points the field at it. Each forged POST must come
back with a form error on that very field and store nothing.
"""

from __future__ import annotations

import importlib
import pkgutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import reverse

from tenants.admin_scoping import TenantScopedAdmin
from tenants.models import Tenant
from tenants.related_scope import tenant_lookup
from tests.isolation.harness import discover_cases
from tests.tenants.factories import MembershipFactory

SCOPED_ADMINS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, TenantScopedAdmin)
    ),
    key=lambda model: model._meta.label,
)


def _factories() -> dict[type[models.Model], type]:
    import factory

    import tests

    found: dict[type[models.Model], type] = {}
    root = Path(tests.__file__).parent
    for info in pkgutil.iter_modules([str(root)]):
        if not (root / info.name / "factories.py").exists():
            continue
        module = importlib.import_module(f"tests.{info.name}.factories")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory):
                model = value._meta.model
                if isinstance(model, type) and model not in found:
                    found[model] = value
    return found


FACTORIES = _factories()
CASE_MAKERS = {case.admin_model: case.make for case in discover_cases() if case.admin_model}


def make_in(model: type[models.Model], tenant: Tenant) -> models.Model:
    """One object of `model` owned by `tenant`, from the app's factory or isolation case."""
    if model is Tenant:
        return tenant
    if model is get_user_model():
        return MembershipFactory(tenant=tenant).user
    lookup = tenant_lookup(model)
    assert lookup is not None, f"{model._meta.label} has no owning tenant"
    if model in CASE_MAKERS:
        return CASE_MAKERS[model](tenant, f"MARK{uuid.uuid4().hex[:12]}")
    factory_class = FACTORIES.get(model)
    assert factory_class is not None, (
        f"Add a factory for {model._meta.label} to tests/<app>/factories.py so the "
        "relation walk can forge a POST pointing at another site's object."
    )
    return factory_class(**{lookup: tenant})


def _has_writable_relation(model, request) -> bool:
    """False when a change form could hold no relation to forge (all read-only)."""
    model_admin = admin.site._registry[model]
    if not model_admin.has_change_permission(request):
        return False
    readonly = set(model_admin.get_readonly_fields(request))
    own = any(
        (f.many_to_one or f.many_to_many) and f.editable and f.name not in readonly
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False)
    )
    return own or bool(model_admin.inlines)


@dataclass
class FormToForge:
    url: str
    instance: models.Model | None
    fields: list[tuple[str, forms.Field]]  # (POST name, field)
    management: dict[str, str]  # every inline's management form, empty
    inline_models: dict[str, type[models.Model]]  # POST name prefix → inline model


def _open_form(client: Client, model, own_site: Tenant) -> FormToForge | None:
    info = (model._meta.app_label, model._meta.model_name)
    url = reverse("admin:{}_{}_add".format(*info))
    instance = None
    response = client.get(url)
    if response.status_code != 200:
        if not _has_writable_relation(model, response.wsgi_request):
            return None
        instance = make_in(model, own_site)
        url = reverse("admin:{}_{}_change".format(*info), args=[instance.pk])
        response = client.get(url)
    if response.status_code != 200 or "adminform" not in (response.context or {}):
        return None
    form = response.context["adminform"].form
    fields = [(name, field) for name, field in form.fields.items()]
    management: dict[str, str] = {}
    inline_models: dict[str, type[models.Model]] = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management[f"{formset.prefix}-TOTAL_FORMS"] = "0"
        management[f"{formset.prefix}-INITIAL_FORMS"] = "0"
        if not inline.has_add_permission:
            continue
        inline_models[f"{formset.prefix}-0-"] = formset.model
        empty = formset.empty_form.fields.items()
        fields.extend((f"{formset.prefix}-0-{name}", field) for name, field in empty)
    relations = [
        (name, field)
        for name, field in fields
        if isinstance(field, forms.ModelChoiceField)
        and not field.disabled
        and not isinstance(field.widget, forms.HiddenInput)
        and (
            field.queryset.model in (Tenant, get_user_model())
            or tenant_lookup(field.queryset.model) is not None
        )
    ]
    return FormToForge(url, instance, relations, management, inline_models)


def _snapshot(model, instance):
    if instance is None:
        return model._default_manager.count()
    instance.refresh_from_db()
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _field_errors(response, post_name: str) -> list[str]:
    context = response.context or {}
    errors: list[str] = []
    if "adminform" in context:
        errors += context["adminform"].form.errors.get(post_name, [])
    for inline in context.get("inline_admin_formsets", []):
        for form in inline.formset.forms:
            if post_name.startswith(form.prefix + "-"):
                errors += form.errors.get(post_name[len(form.prefix) + 1 :], [])
    return errors


FORGED: list[str] = []


@pytest.mark.parametrize("model", SCOPED_ADMINS, ids=lambda m: m._meta.label)
def test_a_forged_post_cannot_point_any_relation_at_another_sites_object(
    model, commune, other_commune, commune_site_admin
):
    client = Client(HTTP_HOST="xaa.portal.test")
    client.force_login(commune_site_admin)
    opened = _open_form(client, model, commune)
    if opened is None:  # neither add nor change is open to a site administrator
        add_url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        assert client.get(add_url).status_code != 200
        return
    for post_name, field in opened.fields:
        related = field.queryset.model
        foreign = make_in(related, other_commune)
        assert not field.queryset.filter(pk=foreign.pk).exists(), (
            f"{model._meta.label}.{post_name} offers {related._meta.label} of another site"
        )
        value = [foreign.pk] if isinstance(field, forms.ModelMultipleChoiceField) else foreign.pk
        inline_model = next(
            (m for prefix, m in opened.inline_models.items() if post_name.startswith(prefix)),
            None,
        )
        data = {**opened.management, post_name: value, "_save": "1"}
        if inline_model is not None:
            prefix = post_name.rsplit("-", 1)[0].rsplit("-", 1)[0]
            data[f"{prefix}-TOTAL_FORMS"] = "1"
        before = _snapshot(model, opened.instance)
        inline_before = inline_model._default_manager.count() if inline_model else None
        response = client.post(opened.url, data)
        assert response.status_code == 200, (post_name, response.status_code)
        errors = _field_errors(response, post_name)
        assert errors, f"{model._meta.label}: no form error for forged {post_name}"
        assert _snapshot(model, opened.instance) == before
        if inline_model is not None:
            assert inline_model._default_manager.count() == inline_before
        FORGED.append(f"{model._meta.label}:{post_name}")
    print(f"\n{model._meta.label}: {len(opened.fields)} forged relation POSTs refused")


def test_every_admin_of_a_tenant_owned_model_is_scoped():
    """A new model with an owning site cannot be registered with a plain ModelAdmin."""
    for model, model_admin in admin.site._registry.items():
        if tenant_lookup(model) is not None:
            assert isinstance(model_admin, TenantScopedAdmin), model._meta.label


def _document_change_post(client, document, target) -> object:
    url = reverse("admin:documents_document_change", args=[document.pk])
    form = client.get(url).context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key in form.fields and not key.endswith("file")
    }
    data.update(
        {
            "issued_on": "2024-03-01",
            "effective_on": "2024-03-15",
            "_save": "1",
            "relations_out-TOTAL_FORMS": "1",
            "relations_out-INITIAL_FORMS": "0",
            "relations_out-0-target": target.pk,
            "relations_out-0-kind": "guides",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
        }
    )
    return client.post(url, data)


def test_commune_editor_links_the_provinces_document_but_not_another_communes(
    commune, other_commune, province, commune_editor, site_client
):
    from documents.models import Relation
    from tests.documents.factories import DocumentFactory

    document = DocumentFactory(tenant=commune)
    other_communes = DocumentFactory(tenant=other_commune)
    provinces = DocumentFactory(tenant=province)
    client = site_client(commune, commune_editor)

    forged = _document_change_post(client, document, other_communes)
    assert forged.status_code == 200
    assert _field_errors(forged, "relations_out-0-target")
    assert not Relation.objects.exists()

    allowed = _document_change_post(client, document, provinces)
    assert allowed.status_code == 302, _field_errors(allowed, "relations_out-0-target")
    assert list(Relation.objects.values_list("source", "target")) == [(document.pk, provinces.pk)]
