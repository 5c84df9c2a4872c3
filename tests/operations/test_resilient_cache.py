"""Redis down never makes a page fail: reads miss, writes are dropped, logged once."""

import logging
import time

import pytest
from django.conf import settings
from django.test import override_settings

from dialogue.models import Inquiry
from portal.cache import ResilientRedisCache, breaker_for
from tests.dialogue.factories import solve_page

CLOSED_PORT = 21209  # nothing listens there


def _cache(url: str) -> ResilientRedisCache:
    cache = ResilientRedisCache(url, {"TIMEOUT": 60})
    cache.breaker.reset()
    return cache


def _down_caches():
    url = f"redis://127.0.0.1:{CLOSED_PORT}/0"
    breaker_for(url).reset()
    return {
        "default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": url},
        "versioned": settings.CACHES["versioned"],  # the process's copies, as deployed
    }


def test_reads_miss_writes_drop_and_the_outage_is_logged_once(caplog):
    cache = _cache(f"redis://127.0.0.1:{CLOSED_PORT}/0")
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        assert cache.get("k", "fallback") == "fallback"
        cache.set("k", 1)
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("k", 1) is True  # a refused form is worse than a lost marker
        with pytest.raises(ValueError):
            cache.incr("k")
        cache.delete("k")
        assert cache.ping() is False
    warnings = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(warnings) == 1
    assert cache.breaker.is_open


def test_a_real_redis_stopped_and_started_again(private_redis):
    cache = _cache(private_redis.url)
    cache.breaker.seconds = 0.2  # a short window, so that the test need not wait 5 s
    cache.set("greeting", "xin chào")
    assert cache.get("greeting") == "xin chào"
    private_redis.stop()
    assert cache.get("greeting") is None
    assert cache.breaker.is_down
    private_redis.start()
    time.sleep(0.3)  # the breaker lets calls through again after its window
    cache.set("greeting", "chào lại")
    assert cache.get("greeting") == "chào lại"
    assert not cache.breaker.is_down


@pytest.mark.django_db
def test_pages_answer_200_with_redis_down(commune, site_client):
    with override_settings(CACHES=_down_caches()):
        client = site_client(commune)
        assert client.get("/").status_code == 200
        assert client.get("/hoi-dap/").status_code == 200
        assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_a_question_is_stored_with_redis_down(commune, site_client):
    with override_settings(CACHES=_down_caches()):
        client = site_client(commune)
        form = client.get("/hoi-dap/gui-cau-hoi/")
        assert form.status_code == 200
        data = {
            "kind": "question",
            "name": "Lê Văn Hùng",
            "email": "hung@example.com",
            "topic": "land",
            "title": "Hỏi khi Redis ngừng",
            "content": "Câu hỏi gửi trong lúc bộ nhớ đệm không hoạt động.",
            "consent": "on",
            "website": "",
            **solve_page(form.content.decode()),
        }
        response = client.post("/hoi-dap/gui-cau-hoi/", data)
    assert response.status_code == 302
    assert Inquiry.objects.get().title == "Hỏi khi Redis ngừng"
