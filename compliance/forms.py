"""The export form of the auditor dashboard and the indicator form of the admin, whose
parameter fields are built from the declarations of the indicator's check."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.dates import DateInput
from tenants.models import TenantKind

from . import checks
from .checks.params import Kind, Param, ParamError, is_blank
from .models import ExportJob, Indicator

MAX_DAYS = 3660


def _default_since():
    return timezone.localdate() - timedelta(days=30)


class ExportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Nội dung"), choices=ExportJob.Kind.choices)
    fmt = forms.ChoiceField(label=_("Định dạng"), choices=ExportJob.Format.choices)
    since = forms.DateField(label=_("Từ ngày"), initial=_default_since, widget=DateInput)
    until = forms.DateField(label=_("Đến ngày"), initial=timezone.localdate, widget=DateInput)
    actor = forms.CharField(
        label=_("Người thực hiện (tên đăng nhập, chỉ nhật ký)"), required=False, max_length=150
    )
    model = forms.RegexField(
        label=_("Loại dữ liệu (ví dụ tenants.tenant, chỉ nhật ký)"),
        regex=r"^[a-z_]+\.[a-z_]+$",
        required=False,
        max_length=100,
        error_messages={"invalid": _("Nhập dạng ứng_dụng.mô_hình, ví dụ tenants.tenant.")},
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until:
            if since > until:
                raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
            if (until - since).days > MAX_DAYS:
                raise forms.ValidationError(_("Mỗi lần xuất tối đa 10 năm."))
        if data.get("kind") == ExportJob.Kind.AUDIT and data.get("fmt") == ExportJob.Format.PDF:
            raise forms.ValidationError(_("Nhật ký thay đổi xuất ra CSV hoặc XLSX."))
        actor = data.get("actor")
        if actor:
            user = get_user_model().objects.filter(username=actor).first()
            if user is None:
                self.add_error("actor", _("Không có người dùng này."))
            data["actor_id"] = user.pk if user else None
        return data

    def job_params(self) -> dict:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        since = datetime.combine(data["since"], time.min, tzinfo=zone)
        until = datetime.combine(data["until"] + timedelta(days=1), time.min, tzinfo=zone)
        return {
            "since": since.isoformat(),
            "until": until.isoformat(),
            "actor_id": data.get("actor_id"),
            "model": data.get("model", ""),
        }


# --- the indicator's parameters ------------------------------------------------------

INDICATOR_FIELDS = (
    "tenant",
    "code",
    "name_vi",
    "name_en",
    "axis",
    "requirement",
    "legal_basis",
    "applies_to",
    "weight",
    "threshold_pass",
    "threshold_partial",
    "check_key",
    "fix_hint_vi",
    "fix_hint_en",
    "is_active",
    "order",
)
PARAM_PREFIX = "param_"


def _shown(param: Param, value: Any) -> str:
    """A value as staff read it: choices by their label, lists joined, Có/Không."""
    labels = dict(param.choices)
    if isinstance(value, list | tuple):
        return ", ".join(str(labels.get(item, item)) for item in value)
    if isinstance(value, bool):
        return gettext("Có") if value else gettext("Không")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(labels.get(value, value))


def param_form_field(param: Param) -> forms.Field:
    """The typed form field of one declared parameter, with its label, help and limits."""
    help_parts = [param.help] if param.help else []
    # A list of checkboxes says in its own help what none ticked means.
    if not is_blank(param.default) and param.kind != Kind.MULTICHOICE:
        help_parts.append(gettext("Để trống: %(value)s.") % {"value": _shown(param, param.default)})
    # Built per request (the admin's get_form), in the language of the request.
    options: dict[str, Any] = {
        "label": param.label,
        "required": param.required,
        "help_text": " ".join(str(part) for part in help_parts),
    }
    kind = param.kind
    if kind in (Kind.INT, Kind.FLOAT):
        invalid = gettext("Cần một số nguyên.") if kind == Kind.INT else gettext("Cần một số.")
        options["error_messages"] = {
            "invalid": invalid,
            "min_value": gettext("Nhỏ nhất là %(limit_value)s."),
            "max_value": gettext("Lớn nhất là %(limit_value)s."),
        }
    if kind == Kind.INT:
        return forms.IntegerField(min_value=param.min, max_value=param.max, **options)
    if kind == Kind.FLOAT:
        field = forms.FloatField(min_value=param.min, max_value=param.max, **options)
        field.widget.attrs["step"] = "any"
        return field
    if kind == Kind.BOOL:
        return forms.TypedChoiceField(
            choices=[("", "—"), ("true", gettext("Có")), ("false", gettext("Không"))],
            coerce=lambda value: value == "true",
            empty_value=None,
            **options,
        )
    if kind == Kind.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *param.choices], **options)
    if kind == Kind.MULTICHOICE:
        return forms.MultipleChoiceField(
            choices=param.choices, widget=forms.CheckboxSelectMultiple, **options
        )
    if kind in (Kind.LINES, Kind.PATHS):
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **options)
    if kind == Kind.DATE:
        return forms.DateField(widget=DateInput, **options)
    return forms.CharField(max_length=500, **options)


def param_initial(param: Param, stored: dict) -> Any:
    """What the field shows: the stored value, else the default the check would use."""
    value = stored.get(param.name)
    if is_blank(value):
        value = param.default_value()
    if param.kind in (Kind.LINES, Kind.PATHS) and isinstance(value, list | tuple):
        return "\n".join(str(item) for item in value)
    if param.kind == Kind.BOOL and isinstance(value, bool):
        return "true" if value else "false"
    if param.kind == Kind.DATE and isinstance(value, str):
        try:
            return param.coerce(value)
        except ParamError:
            return value  # shown as stored; saving asks for a valid date
    return value


def merge_params(stored: dict, declared: tuple[Param, ...], values: dict[str, Any]) -> dict:
    """The params to store: the typed values of the declared parameters, and every other
    stored key as it was. A blank value is left out (the check's default applies), and so
    is a value equal to the default that was not stored before."""
    names = {param.name for param in declared}
    merged = {key: value for key, value in stored.items() if key not in names}
    for param in declared:
        value = values.get(param.name)
        if is_blank(value):
            continue
        value = param.to_json(param.coerce(value))
        if param.name not in stored and value == param.default_value():
            continue
        merged[param.name] = value
    return merged


def other_params(indicator: Indicator) -> dict:
    """Stored keys the indicator's check does not read (kept on every save)."""
    names = {param.name for param in checks.declared_params(indicator.check_key)}
    return {key: value for key, value in (indicator.params or {}).items() if key not in names}


class IndicatorForm(forms.ModelForm):
    """The catalogue line; `indicator_form_for` adds one field per parameter of its check."""

    declared: tuple[Param, ...] = ()

    check_key = forms.ChoiceField(
        label=_("hàm kiểm tra"),
        choices=(),
        help_text=_(
            "Đổi hàm kiểm tra rồi bấm “Lưu và tiếp tục chỉnh sửa”: các tham số của hàm mới "
            "hiện ra để nhập."
        ),
    )
    applies_to = forms.MultipleChoiceField(
        label=_("áp dụng cho loại đơn vị"),
        choices=TenantKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["check_key"].choices = checks.choices()
        self.stored_params = dict(self.instance.params or {})
        for param in self.declared:
            self.fields[PARAM_PREFIX + param.name].initial = param_initial(
                param, self.stored_params
            )

    def check_changed(self) -> bool:
        return bool(self.instance.pk) and self.cleaned_data.get("check_key") not in (
            None,
            self.instance.check_key,
        )

    def clean(self):
        data = super().clean()
        names = [PARAM_PREFIX + param.name for param in self.declared]
        if self.check_changed():
            # The fields shown belong to the former check: its stored values are kept
            # and the new check's fields appear once this is saved.
            for name in names:
                self._errors.pop(name, None)
                data.pop(name, None)
            self.instance.params = self.stored_params
            return data
        values = {}
        for param in self.declared:
            name = PARAM_PREFIX + param.name
            if name not in data:
                continue  # the field has its own error already
            try:
                values[param.name] = param.coerce(data[name]) if not is_blank(data[name]) else None
            except ParamError as error:
                self.add_error(name, str(error))
        if not any(name in self._errors for name in names):
            self.instance.params = merge_params(self.stored_params, self.declared, values)
        return data


def indicator_form_for(check_key: str) -> type[IndicatorForm]:
    """The indicator form with the parameter fields of the check `check_key`."""
    declared = checks.declared_params(check_key)
    attrs: dict[str, Any] = {
        PARAM_PREFIX + param.name: param_form_field(param) for param in declared
    }
    attrs["declared"] = declared
    return type("IndicatorForm", (IndicatorForm,), attrs)
