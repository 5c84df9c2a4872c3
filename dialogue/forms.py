"""Public forms: ask a question, look up a tracking code, ask in a dialogue session."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.antiabuse import ProtectedFormMixin
from portal.files import check_upload

from .models import (
    ATTACHMENT_KINDS,
    ATTACHMENT_MAX_BYTES,
    Inquiry,
    InquiryKind,
    SessionQuestion,
    normalize_tracking_code,
)

PHONE_CHARS = set("0123456789 +.-()")


class InquiryForm(ProtectedFormMixin, forms.ModelForm):
    class Meta:
        model = Inquiry
        fields = ["kind", "name", "email", "phone", "topic", "title", "content", "attachment"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "content": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "email": _("Mã tra cứu và kết quả trả lời được gửi vào địa chỉ này."),
            "phone": _("Không bắt buộc."),
            "attachment": _("Không bắt buộc. PDF, ảnh JPG/PNG hoặc Word, tối đa 5 MB."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = InquiryKind.choices
        for name in ("name", "title", "content"):
            self.fields[name].error_messages["required"] = _("Vui lòng nhập %(field)s.") % {
                "field": self.fields[name].label.lower()
            }
        self.fields["email"].error_messages["required"] = _("Vui lòng nhập thư điện tử.")

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and (not set(phone) <= PHONE_CHARS or sum(c.isdigit() for c in phone) < 8):
            raise forms.ValidationError(_("Số điện thoại không hợp lệ."))
        return phone

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()

    def clean_attachment(self):
        file = self.cleaned_data.get("attachment")
        if file and hasattr(file, "content_type"):
            check_upload(file, ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES)
        return file


class TrackingForm(forms.Form):
    code = forms.CharField(
        label=_("Mã tra cứu"),
        max_length=20,
        help_text=_("Mã gồm 12 ký tự, ví dụ ABCD-EFGH-JKMN, trong thư xác nhận."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Vui lòng nhập mã tra cứu.")},
    )

    def clean_code(self) -> str:
        code = normalize_tracking_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(
                _("Mã tra cứu không đúng định dạng: mã gồm 12 chữ và số, ví dụ ABCD-EFGH-JKMN.")
            )
        return code


class SessionQuestionForm(ProtectedFormMixin, forms.ModelForm):
    class Meta:
        model = SessionQuestion
        fields = ["name", "email", "locality", "content"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "content": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "name": _("Họ tên được hiển thị cùng câu hỏi; thư điện tử không được công khai."),
        }
