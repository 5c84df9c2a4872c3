"""No one is asked to type or read JSON in the admin: every add and change form of every
registered model (and of its inlines) offers typed fields or a list of lines, and what is
read-only is rendered for reading (portal.admin_display), never a model JSONField shown
as a raw text box or as JSON text."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models
from django.test import RequestFactory

from tenants.models import Tenant


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    request.session = {}
    request.tenant = None
    return request


def _instance(model, tenant):
    """A stored row if there is one, else an unsaved one attached to the site."""
    existing = model._default_manager.first()
    if existing is not None:
        return existing
    obj = model()
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is Tenant:
            setattr(obj, field.name, tenant)
    return obj


def _raw_json_fields(model_admin, request, obj, *, change: bool) -> list[str]:
    found = []
    form = model_admin.get_form(request, obj, change=change)
    found += [
        f"{name} ({'change' if change else 'add'} form)"
        for name, field in form.base_fields.items()
        if isinstance(field, forms.JSONField)
    ]
    # An unsaved stand-in has no related rows: its inlines are those of an add form.
    parent = obj if obj is not None and obj.pk else None
    for formset, inline in model_admin.get_formsets_with_inlines(request, parent):
        found += [
            f"{inline.model.__name__}.{name} (inline)"
            for name, field in formset.form.base_fields.items()
            if isinstance(field, forms.JSONField)
        ]
    return found


@pytest.mark.django_db
def test_no_admin_form_shows_a_json_field_as_raw_text(superuser, province):
    request = _request(superuser)
    offenders = {}
    for model, model_admin in admin.site._registry.items():
        found = []
        if model_admin.has_add_permission(request):
            found += _raw_json_fields(model_admin, request, None, change=False)
        found += _raw_json_fields(model_admin, request, _instance(model, province), change=True)
        if found:
            offenders[model._meta.label] = sorted(set(found))
    assert not offenders, "Raw JSON in the admin:\n" + "\n".join(
        f"{label}: {', '.join(fields)}" for label, fields in sorted(offenders.items())
    )


def _json_names(model) -> set[str]:
    return {f.name for f in model._meta.concrete_fields if isinstance(f, models.JSONField)}


def _json_shown_as_text(admin_or_inline, request, obj, form_class) -> list[str]:
    """Model JSONFields on the page but not in the form: Django prints them as JSON."""
    shown = flatten_fieldsets(admin_or_inline.get_fieldsets(request, obj))
    return [
        name
        for name in shown
        if name in _json_names(admin_or_inline.model) and name not in form_class.base_fields
    ]


@pytest.mark.django_db
def test_read_only_json_is_rendered_for_reading(superuser, province):
    request = _request(superuser)
    offenders = {}
    for model, model_admin in admin.site._registry.items():
        obj = _instance(model, province)
        found = [
            f"{name} (list)"
            for name in model_admin.get_list_display(request)
            if isinstance(name, str) and name in _json_names(model)
        ]
        form = model_admin.get_form(request, obj, change=True)
        found += _json_shown_as_text(model_admin, request, obj, form)
        parent = obj if obj.pk else None
        for formset, inline in model_admin.get_formsets_with_inlines(request, parent):
            found += [
                f"{inline.model.__name__}.{name} (inline)"
                for name in _json_shown_as_text(inline, request, parent, formset.form)
            ]
        if found:
            offenders[model._meta.label] = sorted(set(found))
    assert not offenders, "JSON shown as text in the admin:\n" + "\n".join(
        f"{label}: {', '.join(fields)}" for label, fields in sorted(offenders.items())
    )


def test_readable_rendering_nests_and_escapes():
    from portal.admin_display import readable

    html = readable({"tên": ["<b>đậm</b>", {"số": 2}], "trống": []})
    assert html == (
        '<ul class="readable-json"><li><strong>tên</strong>: <ul class="readable-json">'
        '<li>&lt;b&gt;đậm&lt;/b&gt;</li><li><ul class="readable-json"><li><strong>số</strong>: '
        "2</li></ul></li></ul></li><li><strong>trống</strong>: —</li></ul>"
    )
    assert readable(None) == readable({}) == "—"
