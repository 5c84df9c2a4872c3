import pytest

from search.sources import override_sources


@pytest.fixture(autouse=True)
def search_sources(django_db_setup):
    """Register the test source, as an app's search_index.py would be."""
    from tests.search.search_index import sources

    registered = sources()
    with override_sources(registered):
        yield registered
