"""The client address: never a header without a trusted proxy; the proxy's view with one."""

import pytest
from django.test import RequestFactory

from portal.antiabuse import rate_limited
from portal.client_address import client_address


def _request(remote="198.51.100.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request(forwarded="203.0.113.7")) == "198.51.100.1"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the client wrote 6.6.6.6
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "198.51.100.1"),  # shorter than the chain: not believed
        (1, "not-an-address", "198.51.100.1"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_trusted_proxies_the_nth_address_from_the_right(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(_request(forwarded=forwarded)) == expected


def test_behind_a_proxy_citizens_have_their_own_rate_limit_budget(settings, db):
    settings.TRUSTED_PROXY_COUNT = 1
    first = [rate_limited(_request("10.0.0.1", "203.0.113.7"), "t", 3, 60) for _ in range(4)]
    assert first == [False, False, False, True]
    assert rate_limited(_request("10.0.0.1", "203.0.113.8"), "t", 3, 60) is False


def test_without_a_proxy_a_forged_header_gets_no_fresh_budget(settings, db):
    settings.TRUSTED_PROXY_COUNT = 0
    results = [
        rate_limited(_request("198.51.100.1", f"203.0.113.{n}"), "t", 3, 60) for n in range(4)
    ]
    assert results == [False, False, False, True]
