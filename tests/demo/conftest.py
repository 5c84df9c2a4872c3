"""The demo database, seeded once for every test of this package: `seed_demo` runs twice
(the second run must change nothing) inside one transaction that is rolled back when the
package ends, so no other test — on this worker or another — ever sees the demo rows and
the rows the migrations wrote (deadline rules, calendar, indicators) stay as they were.

Each test of the package runs in a savepoint of that transaction, as `db` tests do. The
work that `seed_demo` queues on commit (signing, image renditions, search) runs as a
commit would run it (captureOnCommitCallbacks). Under pytest-xdist the whole package goes
to one worker (pytest_xdist_make_scheduler in tests/conftest.py), so it is seeded once."""

import io
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase, override_settings


@dataclass(frozen=True)
class DemoSeed:
    after_first_run: dict[str, int]
    after_second_run: dict[str, int]


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def seed_demo() -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"))
    media.enable()
    django_db_blocker.unblock()
    package = transaction.atomic()
    package.__enter__()
    try:
        seed_demo()
        first = row_counts()
        seed_demo()
        second = row_counts()
        django_db_blocker.restore()
        yield DemoSeed(first, second)
    finally:
        django_db_blocker.unblock()
        transaction.set_rollback(True)
        package.__exit__(None, None, None)
        django_db_blocker.restore()
        media.disable()
