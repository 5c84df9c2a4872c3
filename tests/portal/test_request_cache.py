"""The keys every public page reads come from Redis in one round trip
(portal/request_cache.py), and what they hold is never older than the shared cache's."""

from django.core.cache import cache

from dialogue.models import Hotline
from portal import request_cache
from tests.portal.test_page_cache import visitor


def test_the_page_keys_of_every_app_are_named(commune):
    keys = request_cache.page_keys(commune)
    for part in ("content:version", "operations:downtime", "dialogue:main-hotline", "visits"):
        assert any(part in key for key in keys), (part, keys)


def test_a_page_reads_its_site_keys_in_one_round_trip(commune, redis_commands):
    client = visitor(commune)
    client.get("/")
    client.get("/")
    redis_commands.clear()
    assert client.get("/").status_code == 200
    keys = set(request_cache.page_keys(commune))
    single = [c for c in redis_commands if c[0] == "GET" and any(k in str(c[1]) for k in keys)]
    many = [c for c in redis_commands if c[0] == "MGET"]
    assert single == [] and len(many) == 1, redis_commands


def test_a_new_main_hotline_shows_on_the_next_page(commune):
    client = visitor(commune)
    assert "1900 1234" not in client.get("/").content.decode()
    Hotline.objects.create(tenant=commune, purpose_vi="Tiếp dân", number="1900 1234", is_main=True)
    assert "1900 1234" in client.get("/").content.decode()


def test_outside_a_request_the_shared_cache_answers():
    cache.set("test:page-key", "giá trị", 60)
    assert request_cache.get("test:page-key") == "giá trị"
    assert request_cache.get("test:absent", "mặc định") == "mặc định"
