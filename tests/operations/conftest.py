import pytest

from .servers import RedisServer


@pytest.fixture
def private_redis():
    """A Redis of our own on port 21201: the test may stop it."""
    server = RedisServer(21201).start()
    yield server
    server.stop()
