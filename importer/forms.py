"""The source profile's list of sources as lines of text, not raw JSON."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ItemKind, SourceProfile

SEPARATOR = "|"


class SourcesField(forms.CharField):
    """One source a line: `address | category code | kind` (the last two optional)."""

    widget = forms.Textarea(attrs={"rows": 6, "cols": 80, "class": "vLargeTextField"})

    def prepare_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return value  # the text as typed, shown again with its error
        if not isinstance(value, list):
            return ""
        lines = []
        for source in value:
            parts = [source.get("url", ""), source.get("category", "")]
            if source.get("kind", ItemKind.ARTICLE) != ItemKind.ARTICLE:
                parts.append(source["kind"])
            lines.append(f" {SEPARATOR} ".join(parts).rstrip(f" {SEPARATOR}"))
        return "\n".join(lines)

    def to_python(self, value) -> list[dict]:
        text = (value or "").strip()
        if text.startswith("["):  # JSON pasted from an older profile still works
            try:
                return [dict(s) for s in json.loads(text)]
            except (ValueError, TypeError) as exc:
                raise forms.ValidationError(_("Danh sách nguồn không đọc được.")) from exc
        sources = []
        kinds = dict(ItemKind.choices)
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            url, category, kind, *extra = [p.strip() for p in line.split(SEPARATOR)] + ["", ""]
            if not url or any(extra):
                raise forms.ValidationError(
                    _("Dòng %(n)d: viết “địa chỉ | mã chuyên mục | loại”.") % {"n": number}
                )
            kind = kind or ItemKind.ARTICLE
            if kind not in kinds:
                raise forms.ValidationError(
                    _("Dòng %(n)d: loại “%(kind)s” không có; dùng một trong: %(kinds)s.")
                    % {"n": number, "kind": kind, "kinds": ", ".join(kinds)}
                )
            source = {"url": url, "category": category}
            if kind != ItemKind.ARTICLE:
                source["kind"] = kind
            sources.append(source)
        return sources


class SourceProfileForm(forms.ModelForm):
    sources = SourcesField(
        label=gettext_lazy("nguồn tin"),
        help_text=gettext_lazy(
            "Mỗi dòng một nguồn: địa chỉ trang danh sách, RSS, sitemap hoặc bảng CSV/XLSX | mã "
            "chuyên mục | loại (article, document, qa, file; để trống: article). Ví dụ: "
            "/tin-tuc/ | tin-tuc"
        ),
    )

    class Meta:
        model = SourceProfile
        fields = ("sources",)  # the admin's fieldsets add the others
