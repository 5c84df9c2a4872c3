import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _vietnamese_after():
    """A request to /en/ leaves English active in this thread: later tests expect Vietnamese."""
    yield
    translation.activate("vi")
