"""The keys every public page reads come from Redis in one round trip
(portal/request_cache.py), and what they hold is never older than the shared cache's."""

from datetime import timedelta
from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dialogue.models import Hotline
from operations.models import DowntimeNotice
from portal import request_cache
from portal.local_cache import versioned_cache
from tests.content.factories import CategoryFactory
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


def _shell_queries(captured) -> list[str]:
    tables = ("tenants_tenant", "content_category", "operations_downtimenotice", "dialogue_hotline")
    return [q["sql"] for q in captured if any(f'"{table}"' in q["sql"] for table in tables)]


def test_an_empty_shell_is_read_in_one_statement(commune, province):
    Hotline.objects.create(tenant=commune, purpose_vi="Tiếp dân", number="1900 1234", is_main=True)
    DowntimeNotice.objects.create(
        tenant=province,
        include_subtree=True,
        starts_at=timezone.now() + timedelta(days=20),
        ends_at=timezone.now() + timedelta(days=21),
        message_vi="Bảo trì hệ thống tỉnh",
    )
    CategoryFactory(tenant=commune, name_vi="Thông báo", slug="thong-bao", in_menu=True)
    client = visitor(commune)
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        html = client.get("/tin-tuc/").content.decode()
    resolution = 'SELECT "tenants_domain"'  # the host's site, before any shell
    shell = [s for s in _shell_queries(cold.captured_queries) if not s.startswith(resolution)]
    assert len(shell) == 1, shell  # tree, menu, notices and hotline together
    for shown in ("1900 1234", "Bảo trì hệ thống tỉnh", "Thông báo", province.name):
        assert shown in html, shown


def test_a_part_cached_when_the_others_were_read_is_read_alone(commune):
    """The shell is filled once a request; a value missing only later (here: the menu,
    dropped between the fill and its reader) is read by its reader, not lost."""
    from content import caching, navigation

    CategoryFactory(tenant=commune, name_vi="Thông báo", slug="thong-bao", in_menu=True)
    client = visitor(commune)
    cache.clear()
    fill = request_cache.fill_shell

    def fill_then_drop_menu() -> bool:
        filled = fill()
        versioned_cache.delete(caching._cached_key(commune.pk, "menu"))
        return filled

    with mock.patch.object(request_cache, "fill_shell", fill_then_drop_menu):
        html = client.get("/tin-tuc/").content.decode()
    assert "Thông báo" in html
    assert navigation.menu_items(commune)  # cached again by its reader
