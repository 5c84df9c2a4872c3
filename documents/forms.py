"""Public forms: the consultation comment (protected against abuse) and the PDF check."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.antiabuse import ProtectedFormMixin
from portal.files import check_upload

from .models import Comment
from .verification import MAX_VERIFY_BYTES


class CommentForm(ProtectedFormMixin, forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["name", "email", "organisation", "body", "attachment"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "email": _("Không công khai; chỉ dùng để liên hệ khi cần làm rõ ý kiến."),
            "attachment": _("Không bắt buộc. PDF hoặc DOCX, tối đa 10 MB."),
        }


class VerifyForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp PDF cần kiểm tra"),
        help_text=_("Tối đa 20 MB. Tệp không được lưu lại; hệ thống chỉ ghi nhận mã băm SHA-256."),
        error_messages={"required": _("Vui lòng chọn một tệp PDF.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload, {"pdf"}, MAX_VERIFY_BYTES)
        return upload
