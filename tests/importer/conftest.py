import pytest

from importer.examples import load_example
from tests.content.factories import CategoryFactory

from .server import FixtureServer


@pytest.fixture
def old_site():
    with FixtureServer("oldsite") as server:
        yield server


@pytest.fixture
def wordpress_site():
    with FixtureServer("wordpress") as server:
        yield server


@pytest.fixture
def categories(commune):
    return {
        slug: CategoryFactory(tenant=commune, slug=slug, name_vi=name)
        for slug, name in (("tin-tuc", "Tin tức"), ("thong-bao", "Thông báo"))
    }


def make_profile(tenant, server, **fields):
    """The shipped 'cong-tinh' example pointed at the fixture server, no delay."""
    profile = load_example("cong-tinh", tenant, server.url("/"), slug="cong-cu")
    profile.old_hostnames = "xaanbinh.gov.vn"
    profile.delay_seconds = 0
    profile.timeout_seconds = 5
    profile.max_page_bytes = 2_000_000
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    return profile


@pytest.fixture
def profile(commune, categories, old_site):
    return make_profile(commune, old_site)
