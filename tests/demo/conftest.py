"""The demo database, seeded once for every test of this package: `seed_demo` runs twice
(the second run must change nothing) and its data stays committed until the package ends.

The tests here only read it; each runs in its own transaction, rolled back as usual.
Under pytest-xdist the package is one `xdist_group` (tests/conftest.py), so one worker
seeds it and no other worker's tests ever see the demo rows."""

import io
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings


@dataclass(frozen=True)
class DemoSeed:
    after_first_run: dict[str, int]
    after_second_run: dict[str, int]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"))
    media.enable()
    try:
        with django_db_blocker.unblock():
            call_command("seed_demo", stdout=io.StringIO())
            first = row_counts()
            call_command("seed_demo", stdout=io.StringIO())
            second = row_counts()
        yield DemoSeed(first, second)
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
        media.disable()
