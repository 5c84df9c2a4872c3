"""What the current language lists: the English site shows only items with an English text.

One rule for every public list, feed and API: in English an item is listed when its
`<field>_en` (modeltranslation) is filled in; a model without an English column lists
nothing in English. Detail pages pass `any_language=True` — the language switch of a
Vietnamese-only item leads there — and show `untranslated(item)` as a notice instead.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django.utils.translation import get_language


def is_english() -> bool:
    return (get_language() or "vi").startswith("en")


def _has_english_column(model: type[Model], path: str) -> bool:
    """Whether `path` ("title", "article__title") ends at a field translated into English."""
    *relations, field = path.split("__")
    try:
        for name in relations:
            model = model._meta.get_field(name).related_model
            if model is None:
                return False
        model._meta.get_field(f"{field}_en")
    except FieldDoesNotExist:
        return False
    return True


def in_language(
    queryset: QuerySet, field: str = "title", *, any_language: bool = False
) -> QuerySet:
    """The items of `queryset` listed in the current language (see the module docstring)."""
    if any_language or not is_english():
        return queryset
    if not _has_english_column(queryset.model, field):
        return queryset.none()
    column = f"{field}_en"
    return queryset.exclude(**{f"{column}__isnull": True}).exclude(**{column: ""})


def untranslated(item: Model, field: str = "title") -> bool:
    """True on the English site for an item shown without its English text."""
    return is_english() and not getattr(item, f"{field}_en", None)
