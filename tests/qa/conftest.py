"""The QA package runs on the demo province, seeded once for the whole package (seeding
takes a few minutes) and flushed at its end, so other packages never see it."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from tests.qa.pages import DEMO_HOSTS, internal_links, page_type


@pytest.fixture(autouse=True)
def _vietnamese_after():
    """A request to /en/ leaves English active in this thread: later tests expect Vietnamese."""
    yield
    translation.activate("vi")


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="package")
def demo_pages(demo, django_db_blocker) -> dict[str, tuple[str, str]]:
    """One page of every public type, both languages: {type: (host, path)}. Found by
    walking the demo's links (a path is fetched only when its type is new); the
    commune's home and a search with results are added."""
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
