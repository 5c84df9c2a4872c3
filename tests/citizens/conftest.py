"""The local OpenID Connect providers the citizens tests sign in against, on this
helper's ports: a good one, one whose clock is two hours behind (its tokens arrive
expired), one that announces another issuer, and a port where nothing listens."""

import pytest

from tests.citizens.provider import CALLBACK_PATH, CLIENT_ID, CLIENT_SECRET, start_provider
from tests.harness.ports import worker_port

# Ten ports per xdist worker (tests/harness/ports.py); 21705 is tests/e2e/test_citizens.py's.
PORT_GOOD, PORT_SKEWED, PORT_WRONG_ISSUER, PORT_DOWN = (
    worker_port(p, 10) for p in range(21701, 21705)
)
SITE_CALLBACK = f"http://portal.test{CALLBACK_PATH}"


@pytest.fixture(scope="session")
def oidc_providers():
    started = {}
    try:
        started["good"] = start_provider(PORT_GOOD, [SITE_CALLBACK])
        started["skewed"] = start_provider(PORT_SKEWED, [SITE_CALLBACK], clock_skew=-7200)
        started["wrong_issuer"] = start_provider(
            PORT_WRONG_ISSUER, [SITE_CALLBACK], issuer="https://dinhdanh.example.gov.vn"
        )
        yield started
    finally:
        for provider in started.values():
            provider.stop()


def configure(settings, url: str) -> None:
    settings.CITIZEN_OIDC_ISSUER = url
    settings.CITIZEN_OIDC_CLIENT_ID = CLIENT_ID
    settings.CITIZEN_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.CITIZEN_OIDC_TIMEOUT = 3


@pytest.fixture
def oidc_good(oidc_providers, settings):
    configure(settings, oidc_providers["good"].url)
    return oidc_providers["good"]


@pytest.fixture
def client(province, site_client):
    """A citizen's browser on the provincial portal (portal.test)."""
    return site_client(province)
