"""Public forms: the satisfaction survey, a poll vote, a page rating."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.antiabuse import ProtectedForm, ProtectedFormMixin

from .models import DIMENSIONS, SatisfactionResponse


class _Anonymous:
    """The survey and polls collect no personal data: no consent box to tick."""

    def drop_consent(self) -> None:
        self.fields.pop("consent", None)


class SatisfactionForm(_Anonymous, ProtectedFormMixin, forms.ModelForm):
    class Meta:
        model = SatisfactionResponse
        fields = [name for name, _label, _choices in DIMENSIONS] + ["other_requests"]
        widgets = {
            **{name: forms.RadioSelect for name, _label, _choices in DIMENSIONS},
            "other_requests": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.drop_consent()
        for name, label, choices in DIMENSIONS:
            field = self.fields[name]
            field.label = label
            field.choices = choices.choices  # no empty "---------" radio
            field.error_messages["required"] = _("Vui lòng chọn một mức cho “%(dim)s”.") % {
                "dim": label
            }
        self.fields["other_requests"].label = _("Yêu cầu khác (không bắt buộc)")


class PollVoteForm(_Anonymous, ProtectedForm):
    option = forms.TypedChoiceField(
        label=_("Chọn một phương án"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn một phương án.")},
    )

    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.drop_consent()
        self.fields["option"].choices = [(o.pk, o.text) for o in poll.options.all()]
        self.fields["option"].label = poll.question


class PageRatingForm(forms.Form):
    """The one-click rating at the end of every page: honeypot, rate limit, daily hash;
    no CAPTCHA (it would sit on every page) and no personal data."""

    path = forms.CharField(max_length=500)
    useful = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")
    comment = forms.CharField(max_length=1000, required=False)
    website = forms.CharField(required=False)

    def clean_path(self) -> str:
        path = self.cleaned_data["path"]
        if not path.startswith("/") or path.startswith("//") or "\\" in path:
            raise forms.ValidationError(_("Trang không hợp lệ."))
        return path
