"""Article view counts: one Redis HINCRBY per view, written to the database in batches."""

from __future__ import annotations

import contextlib
from functools import cache

import redis
from django.conf import settings
from django.db import transaction
from django.db.models import F

HASH_KEY = "content:article-views"


@cache
def _client() -> redis.Redis | None:
    url = getattr(settings, "REDIS_URL", "")
    return redis.Redis.from_url(url) if url else None


def count_view(article_id: int) -> None:
    client = _client()
    if client is None:  # no Redis (bare demo): fall back to a direct update
        from .models import Article

        Article.objects.filter(pk=article_id).update(view_count=F("view_count") + 1)
        return
    with contextlib.suppress(redis.RedisError):  # a lost view beats a failed page
        client.hincrby(HASH_KEY, str(article_id), 1)


def pending(article_id: int) -> int:
    client = _client()
    if client is None:
        return 0
    try:
        return int(client.hget(HASH_KEY, str(article_id)) or 0)
    except redis.RedisError:
        return 0


def flush() -> int:
    """Move the counted views into Article.view_count; returns how many articles changed."""
    from .models import Article

    client = _client()
    if client is None:
        return 0
    batch_key = f"{HASH_KEY}:flushing"
    try:
        if not client.exists(batch_key):
            if not client.exists(HASH_KEY):
                return 0
            client.rename(HASH_KEY, batch_key)  # atomic: new views go to a fresh hash
        counts = client.hgetall(batch_key)
    except redis.RedisError:
        return 0
    with transaction.atomic():
        for key, value in counts.items():
            Article.objects.filter(pk=int(key)).update(view_count=F("view_count") + int(value))
    client.delete(batch_key)
    return len(counts)
