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


@pytest.fixture(scope="package")
def demo_pages(demo, django_db_blocker) -> dict[str, tuple[str, str]]:
    """One page of every public type, both languages: {type: (host, path)}. Found by
    walking the demo's links (a path is fetched only when its type is new); the
    commune's home and a search with results are added."""
    from django.test import Client
    from django.utils import translation

    from tests.demo.pages import DEMO_HOSTS, internal_links, page_type

    pages: dict[str, tuple[str, str]] = {}
    with django_db_blocker.unblock():
        for host in DEMO_HOSTS:
            client = Client(HTTP_HOST=host)
            queue = ["/", "/en/"]
            while queue:
                path = queue.pop(0)
                kind = page_type(path)
                if kind is None or kind in pages:
                    continue
                response = client.get(path)
                translation.activate("vi")
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                pages[kind] = (host, path)
                queue += sorted(internal_links(host, path, response.content.decode()))
    pages["vi:commune-home"] = ("xahoabinh.localhost", "/")
    pages["en:commune-home"] = ("xahoabinh.localhost", "/en/")
    pages["vi:tim-kiem?q"] = ("localhost", "/tim-kiem/?q=thuế")
    pages["en:tim-kiem?q"] = ("localhost", "/en/tim-kiem/?q=tax")
    return pages
