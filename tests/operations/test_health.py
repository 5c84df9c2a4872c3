"""/healthz says the process answers; /readyz checks each dependency separately."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_liveness_answers_on_any_host_without_the_database():
    response = Client(HTTP_HOST="10.0.0.5:8000").get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_readiness_reports_each_dependency():
    response = Client(HTTP_HOST="10.0.0.5").get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["ok"] is True
    assert set(body) >= {"status", "database", "cache", "broker", "disk"}
    assert body["disk"]["media"]["free_bytes"] > 0


def test_readiness_with_the_cache_down_is_degraded_but_ready():
    url = "redis://127.0.0.1:21209/0"
    caches = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": url}}
    with override_settings(CACHES=caches, CELERY_BROKER_URL=url):
        body = Client().get("/readyz")
    assert body.status_code == 200
    assert body.json()["status"] == "degraded"
    assert body.json()["cache"]["ok"] is False
    assert body.json()["broker"]["ok"] is False


def test_readiness_warns_before_an_upload_disk_fills(settings):
    settings.DISK_LOW_FREE_BYTES = 10**18
    body = Client().get("/readyz").json()
    assert body["status"] == "degraded"
    assert body["disk"]["media"]["ok"] is False
