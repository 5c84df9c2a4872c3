"""Post an admin change form back as the browser would send it, untouched or with a few
fields changed: the round-trip tests of the admins whose stored data is not typed in as is."""

from __future__ import annotations

from django import forms


def _bound_values(form, data: dict) -> None:
    for name, field in form.fields.items():
        bound = form[name]
        key = bound.html_name
        value = bound.value()
        if isinstance(field, forms.FileField):
            continue  # the stored file stays when nothing is uploaded
        if isinstance(field, forms.BooleanField):
            if value:
                data[key] = "on"
        elif isinstance(field, forms.MultiValueField):
            parts = value if isinstance(value, list) else field.widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{key}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, list | tuple):
            data[key] = [str(item) for item in value]
        else:
            data[key] = "" if value is None else str(field.prepare_value(value))


def as_submitted(response, button: str = "_continue") -> dict:
    """The data of the change form (and its inlines) rendered in `response`."""
    data = {button: "1"}
    _bound_values(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _bound_values(formset.management_form, data)
        for form in formset.forms:
            _bound_values(form, data)
    return data
