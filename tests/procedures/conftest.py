import pytest

from tests.procedures.factories import SyncSourceFactory


@pytest.fixture
def source(province):
    return SyncSourceFactory(tenant=province)
