"""The source profile's list of sources as lines of text, not raw JSON."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ItemKind, SourceProfile

SEPARATOR = "|"


LINE_KEYS = ("url", "category", "kind", "categories")


def _mapping_text(mapping: dict) -> str:
    return ", ".join(f"{name}={slug}" for name, slug in mapping.items())


def _mapping(text: str, number: int) -> dict[str, str]:
    mapping = {}
    for pair in filter(None, (p.strip() for p in text.split(","))):
        name, equals, slug = (part.strip() for part in pair.partition("="))
        if not (name and equals and slug):
            raise forms.ValidationError(
                _("Dòng %(n)d: ánh xạ chuyên mục viết “tên-cũ=mã-mới, …”.") % {"n": number}
            )
        mapping[name] = slug
    return mapping


class SourcesField(forms.CharField):
    """One source a line: `address | category code | kind | old=new, …` (all but the
    address optional; the last maps a WordPress export's categories onto the site's)."""

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
            mapping = source.get("categories") or {}
            if mapping or source.get("kind", ItemKind.ARTICLE) != ItemKind.ARTICLE:
                parts.append(source.get("kind", ItemKind.ARTICLE))
            if mapping:
                parts.append(_mapping_text(mapping))
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
            parts = [p.strip() for p in line.split(SEPARATOR)] + ["", "", ""]
            url, category, kind, mapping, *extra = parts
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
            if mapping:
                source["categories"] = _mapping(mapping, number)
            sources.append(source)
        return sources


def keep_other_keys(stored: object, sources: list[dict]) -> list[dict]:
    """Keys a line does not show (added by hand or by a newer importer) stay with the
    stored source of the same address and kind."""
    if not isinstance(stored, list):
        return sources
    by_address = {
        (s.get("url"), s.get("kind", ItemKind.ARTICLE)): s for s in stored if isinstance(s, dict)
    }
    kept = []
    for source in sources:
        before = by_address.get((source["url"], source.get("kind", ItemKind.ARTICLE)), {})
        extra = {key: value for key, value in before.items() if key not in LINE_KEYS}
        kept.append({**source, **extra})
    return kept


class SourceProfileForm(forms.ModelForm):
    sources = SourcesField(
        label=gettext_lazy("nguồn tin"),
        help_text=gettext_lazy(
            "Mỗi dòng một nguồn: địa chỉ trang danh sách, RSS, sitemap hoặc bảng CSV/XLSX | mã "
            "chuyên mục | loại (article, document, qa, file; để trống: article). Ví dụ: "
            "/tin-tuc/ | tin-tuc. Tệp xuất WordPress thêm cột ánh xạ chuyên mục: "
            "/export.xml | gioi-thieu | article | quoc-phong=quoc-phong-an-ninh"
        ),
    )

    class Meta:
        model = SourceProfile
        fields = ("sources",)  # the admin's fieldsets add the others

    def clean_sources(self) -> list[dict]:
        return keep_other_keys(self.instance.sources, self.cleaned_data["sources"])
