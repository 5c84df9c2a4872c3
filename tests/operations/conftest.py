import uuid

import psycopg
import pytest
from django.conf import settings

from operations import backup

from .servers import RedisServer


@pytest.fixture
def private_redis():
    """A Redis of our own on port 21201: the test may stop it."""
    server = RedisServer(21201).start()
    yield server
    server.stop()


@pytest.fixture
def roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path


@pytest.fixture
def second_database():
    """An empty database beside the test one, dropped at the end."""
    params = backup.libpq_params(settings.DATABASES["default"])
    name = f"gp_restore_{uuid.uuid4().hex[:8]}"
    admin = {**params, "dbname": "postgres"}
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield {**params, "dbname": name}
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
