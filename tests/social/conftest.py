import pytest

from social.models import Channel, Network
from tests.social.stubs import (
    FB_TOKEN,
    GRAPH_PREFIX,
    ZALO_OAUTH_PATH,
    ZALO_PREFIX,
    ZALO_TOKEN,
    NetworkStub,
)


@pytest.fixture(scope="session")
def stub_server():
    stub = NetworkStub().start()
    yield stub
    stub.stop()


@pytest.fixture
def networks(stub_server, settings):
    """Both APIs on the local stub, with a clean record of calls."""
    settings.SOCIAL_FACEBOOK_GRAPH_URL = stub_server.url + GRAPH_PREFIX
    settings.SOCIAL_ZALO_OA_URL = stub_server.url + ZALO_PREFIX
    settings.SOCIAL_ZALO_OAUTH_URL = stub_server.url + ZALO_OAUTH_PATH
    stub_server.reset()
    yield stub_server
    stub_server.script.clear()


def make_channel(tenant, network, token, account_id="", **extra) -> Channel:
    channel = Channel(
        tenant=tenant,
        network=network,
        name=extra.pop("name", f"{network} page"),
        account_id=account_id or ("112233445566" if network == Network.FACEBOOK else "oa-77"),
        **extra,
    )
    channel.set_token(token)
    channel.save()
    return channel


@pytest.fixture
def channels(province):
    return {
        "facebook": make_channel(province, Network.FACEBOOK, FB_TOKEN, name="Tỉnh trên Facebook"),
        "zalo": make_channel(province, Network.ZALO, ZALO_TOKEN, name="Tỉnh trên Zalo"),
    }
