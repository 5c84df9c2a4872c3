"""The export form of the auditor dashboard."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.dates import DateInput

from .models import ExportJob

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
