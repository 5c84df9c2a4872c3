"""The admin is Vietnamese in Vietnamese and English in English: every project app's name,
every model's names and every field's label has an English translation. A new model or
field without a Vietnamese label (Django then shows "created at") or without an English
line in locale/ fails here."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

# Labels that read the same in both languages: brand names and the database id.
SAME_IN_BOTH = {"Facebook", "Zalo", "YouTube", "ID"}
# The nested-set bookkeeping of django-mptt: never shown, never edited.
MPTT_FIELDS = {"lft", "rght", "tree_id", "level"}


def _project_apps():
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and ".venv" not in path.parts:
            yield config


def _labels():
    for config in _project_apps():
        yield config.label, "app", config.verbose_name
        for model in config.get_models():
            if model.__module__.startswith("tests."):
                continue  # models the test suite declares for itself
            name = f"{config.label}.{model.__name__}"
            yield name, "verbose_name", model._meta.verbose_name
            yield name, "verbose_name_plural", model._meta.verbose_name_plural
            mptt = hasattr(model, "_mptt_meta")
            for field in model._meta.get_fields():
                if field.auto_created and not field.concrete:
                    continue  # reverse relations
                if not hasattr(field, "verbose_name") or (mptt and field.name in MPTT_FIELDS):
                    continue
                yield name, field.name, field.verbose_name


def _in(language: str, text) -> str:
    with translation.override(language):
        return str(text)


def test_the_walk_covers_the_apps_the_admin_shows():
    labels = {config.label for config in _project_apps()}
    assert {"search", "importer", "surveys", "dialogue", "compliance", "content"} <= labels


def test_every_label_of_every_project_model_is_translated():
    untranslated = [
        f"{owner} {what}: {_in('vi', text)!r}"
        for owner, what, text in _labels()
        if _in("vi", text) == _in("en", text) and _in("vi", text) not in SAME_IN_BOTH
    ]
    assert untranslated == [], "\n".join(untranslated)


@pytest.mark.parametrize(
    ("model", "field", "vietnamese", "english"),
    [
        ("search.SearchEntry", "indexed_at", "lập chỉ mục lúc", "indexed at"),
        ("importer.ImportItem", "profile", "nguồn nhập", "source profile"),
        ("surveys.PollVote", None, "phiếu thăm dò", "poll vote"),
        ("dialogue.Inquiry", "answer_drafted_by", "người soạn trả lời", "answer drafted by"),
        ("compliance.ExportJob", "requested_by", "người yêu cầu", "requested by"),
    ],
)
def test_labels_read_in_the_pages_language(model, field, vietnamese, english):
    meta = apps.get_model(model)._meta
    text = meta.get_field(field).verbose_name if field else meta.verbose_name
    assert _in("vi", text) == vietnamese
    assert _in("en", text) == english
