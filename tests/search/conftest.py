import pytest

from search.sources import override_sources


@pytest.fixture(scope="session")
def _bulletin_table(django_db_setup, django_db_blocker):
    from django.db import connection

    from tests.search.models import bulletin_model

    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        editor.create_model(bulletin_model())
    yield


@pytest.fixture(autouse=True)
def search_sources(_bulletin_table):
    """Register the test source, as an app's search_index.py would be."""
    from tests.search.search_index import sources

    registered = sources()
    with override_sources(registered):
        yield registered
