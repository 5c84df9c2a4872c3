import pytest
from django.utils import translation

from tests.content.factories import CategoryFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def news(commune):
    return CategoryFactory(tenant=commune, name_vi="Tin tức", name_en="News", slug="tin-tuc")


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """Each test starts in Vietnamese (a request to /en/ leaves English active)."""
    translation.activate("vi")
    yield
    translation.activate("vi")
