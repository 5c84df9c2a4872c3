"""Versioned values kept in the process (portal/local_cache.py): a page's shell without
Redis round trips, and never a value that a change or a lost Redis has made stale."""

from django.core.cache import cache

from portal import local_cache, versions
from portal.local_cache import LocalStore, versioned_cache
from tests.content.factories import ArticleFactory, CategoryFactory
from tests.portal.test_page_cache import visitor


def test_a_versioned_value_is_read_from_the_process_after_the_first_time(redis_commands):
    versioned_cache.set("test:v1:block", {"title": "Lịch tiếp dân"}, 600)
    redis_commands.clear()
    assert versioned_cache.get("test:v1:block") == {"title": "Lịch tiếp dân"}
    assert redis_commands == []


def test_a_value_another_process_stored_is_fetched_once_then_kept(redis_commands):
    cache.set("test:v7:other-process", "<p>Tin mới</p>", 600)
    assert versioned_cache.get("test:v7:other-process") == "<p>Tin mới</p>"
    redis_commands.clear()
    assert versioned_cache.get("test:v7:other-process") == "<p>Tin mới</p>"
    assert redis_commands == []


def test_each_reader_gets_its_own_copy():
    versioned_cache.set("test:v1:tenant", {"name": "Xã An Bình"}, 600)
    first = versioned_cache.get("test:v1:tenant")
    first["name"] = "changed by one request"
    assert versioned_cache.get("test:v1:tenant") == {"name": "Xã An Bình"}


def test_a_counter_lost_with_redis_restarts_where_no_old_key_is():
    """With counters starting at 1, a flushed Redis gave the old numbers again and the
    process would serve what it kept under them."""
    before = versions.current("test:counter")
    cache.clear()  # Redis restarted empty
    after = versions.current("test:counter")
    assert after != before and after > 1
    versions.bump("test:counter")
    assert versions.current("test:counter") == after + 1


def test_delete_and_clear_reach_the_process_copy():
    versioned_cache.set("test:v1:gone", "x", 600)
    versioned_cache.delete("test:v1:gone")
    assert versioned_cache.get("test:v1:gone") is None
    versioned_cache.set("test:v1:gone", "x", 600)
    versioned_cache.clear()
    assert versioned_cache.get("test:v1:gone") is None


def test_the_store_holds_at_most_its_bytes():
    store = LocalStore(max_bytes=10)
    store.put("a", "12345", 60)
    store.put("b", "12345", 60)
    store.put("c", "123", 60)
    assert store.get("a") is local_cache._MISSING and store.size == 8
    store.put("b", "1", 60)  # replacing a value counts it once
    assert store.size == 4


def test_the_store_keeps_the_most_recently_used_entries_and_expires_them(monkeypatch):
    store = LocalStore(max_entries=2)
    store.put("a", "1", 60)
    store.put("b", "2", 60)
    store.get("a")
    store.put("c", "3", 60)
    assert store.get("b") is local_cache._MISSING
    assert (store.get("a"), store.get("c")) == ("1", "3")
    store.put("old", "x", 60)
    now = local_cache.time.monotonic()
    monkeypatch.setattr(local_cache.time, "monotonic", lambda: now + 61)
    assert store.get("old") is local_cache._MISSING


def test_a_page_with_a_warm_shell_reads_only_counters_from_redis(commune, redis_commands):
    """An article nobody has asked for on a site whose shell a previous page cached:
    host, tree, menu and the header's and footer's HTML come from the process."""
    news = CategoryFactory(tenant=commune, name_vi="Tin tức", slug="tin-tuc", in_menu=True)
    read_before = ArticleFactory(tenant=commune, category=news)
    article = ArticleFactory(tenant=commune, category=news, title_vi="Khai trương chợ mới")
    client = visitor(commune)
    assert client.get(read_before.get_absolute_url()).status_code == 200
    redis_commands.clear()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200 and "Khai trương chợ mới" in response.content.decode()
    keys = [str(command[1]) for command in redis_commands if command[0] == "GET"]
    shell = [k for k in keys if any(p in k for p in (":host:", "site-tree", ":menu:", "shell-"))]
    assert shell == [], keys


def test_the_menu_marks_the_page_being_read_although_its_html_is_cached(commune):
    news = CategoryFactory(tenant=commune, name_vi="Tin tức", slug="tin-tuc", in_menu=True)
    client = visitor(commune)
    home = client.get("/").content.decode()
    listing = client.get(news.get_absolute_url()).content.decode()
    current = f'<a href="{news.get_absolute_url()}" aria-current="page">'
    assert current in listing and current not in home
    assert '<a href="/" aria-current="page">' in home
    assert '<a href="/" aria-current="page">' not in listing
    assert "\x1f" not in home + listing


def test_a_renamed_menu_category_shows_on_the_next_page(commune):
    news = CategoryFactory(tenant=commune, name_vi="Tin tức", slug="tin-tuc", in_menu=True)
    client = visitor(commune)
    assert "Tin tức" in client.get("/").content.decode()
    news.name_vi = "Tin hoạt động"
    news.save()
    assert "Tin hoạt động" in client.get("/").content.decode()
