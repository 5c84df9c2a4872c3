"""Date widgets that show the expected format next to the box.

Every text date box of the portal (admin and public forms) says "dd/mm/yyyy" beside
it and points to that hint with ``aria-describedby``; the formats themselves come from
``portal/formats`` (day first). The admin gets these widgets through
``install_admin_date_widgets`` in ``PortalAdminConfig.ready``.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin import options as admin_options
from django.contrib.admin import widgets as admin_widgets
from django.db import models
from django.utils.translation import gettext_lazy as _

DATE_HINT = _("dd/mm/yyyy")
TIME_HINT = _("HH:MM")


class FormatHintMixin:
    """Adds ``widget.format_hint`` (id + text) and links it with aria-describedby."""

    hint = DATE_HINT
    placeholder = "dd/mm/yyyy"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        widget = context["widget"]
        widget_attrs = widget["attrs"]
        if widget.get("type") != "text" or not widget_attrs.get("id"):
            return context
        hint_id = f"{widget_attrs['id']}_format"
        described = [widget_attrs.get("aria-describedby"), hint_id]
        widget_attrs["aria-describedby"] = " ".join(part for part in described if part)
        widget_attrs.setdefault("placeholder", self.placeholder)
        widget["format_hint"] = {"id": hint_id, "text": self.hint}
        return context


class DateInput(FormatHintMixin, forms.DateInput):
    """A text date box for day-first input with its format shown."""


class AdminDateWidget(FormatHintMixin, admin_widgets.AdminDateWidget):
    pass


class AdminTimeWidget(FormatHintMixin, admin_widgets.AdminTimeWidget):
    hint = TIME_HINT
    placeholder = "HH:MM"


class AdminSplitDateTime(admin_widgets.AdminSplitDateTime):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets = [AdminDateWidget(attrs=attrs), AdminTimeWidget(attrs=attrs)]


def install_admin_date_widgets() -> None:
    """Make every ModelAdmin registered afterwards use the hinted date widgets."""
    defaults = admin_options.FORMFIELD_FOR_DBFIELD_DEFAULTS
    defaults[models.DateField] = {"widget": AdminDateWidget}
    defaults[models.TimeField] = {"widget": AdminTimeWidget}
    defaults[models.DateTimeField] = {
        "form_class": forms.SplitDateTimeField,
        "widget": AdminSplitDateTime,
    }
