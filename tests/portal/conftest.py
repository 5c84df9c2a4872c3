"""Fixtures of the kernel's tests."""

import pytest
import redis


@pytest.fixture
def redis_commands(monkeypatch):
    """Every command any Redis client of this process sends (a spy: Redis still answers)."""
    sent = []
    execute = redis.Redis.execute_command

    def spy(self, *args, **options):
        sent.append(args)
        return execute(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", spy)
    return sent
