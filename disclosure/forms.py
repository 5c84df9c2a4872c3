"""A record's machine-readable metadata as `name: value` lines, not raw JSON."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Record

SEPARATOR = ": "


def shown(value: Any) -> str:
    """A stored value as one line of text: texts as they are, numbers, true/false as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class MetadataField(forms.CharField):
    """One pair a line: `keywords: quy hoạch, đất đai`. Cleans to [(name, text)] in order."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 80, "class": "vLargeTextField"})

    def prepare_value(self, value):
        if isinstance(value, str):
            return value  # the text as typed, shown again with its error
        if not isinstance(value, dict):
            return ""
        return "\n".join(f"{name}{SEPARATOR}{shown(item)}".rstrip() for name, item in value.items())

    def to_python(self, value) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            if SEPARATOR in line:
                name, text = line.split(SEPARATOR, 1)
            elif line.rstrip().endswith(":"):
                name, text = line.rstrip()[:-1], ""
            else:
                raise forms.ValidationError(
                    _("Dòng %(n)d: viết “tên: giá trị”, ví dụ keywords: quy hoạch, đất đai.")
                    % {"n": number}
                )
            name, text = name.strip(), text.strip()
            if not name or "\x00" in line:
                raise forms.ValidationError(
                    _("Dòng %(n)d: thiếu tên trước dấu hai chấm.") % {"n": number}
                )
            if name in dict(pairs):
                raise forms.ValidationError(
                    _("Dòng %(n)d: tên “%(name)s” đã có ở dòng trên.") % {"n": number, "name": name}
                )
            pairs.append((name, text))
        return pairs


def merge_metadata(stored: Any, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """The metadata to store: a value whose line is unchanged keeps its stored type (a
    number stays a number); a changed or new value is stored as the text typed."""
    stored = stored if isinstance(stored, dict) else {}
    return {
        name: stored[name] if name in stored and shown(stored[name]) == text else text
        for name, text in pairs
    }


class RecordForm(forms.ModelForm):
    metadata = MetadataField(
        label=gettext_lazy("siêu dữ liệu"),
        required=False,
        help_text=gettext_lazy(
            "Mỗi dòng một cặp “tên: giá trị”, ví dụ “keywords: quy hoạch, đất đai” hoặc "
            "“license: CC-BY-4.0”. Dùng cho dữ liệu mở, không hiện thành văn bản."
        ),
    )

    class Meta:
        model = Record
        fields = ("metadata",)  # the admin's fieldsets add the others

    def clean_metadata(self) -> dict[str, Any]:
        return merge_metadata(self.instance.metadata, self.cleaned_data["metadata"])
