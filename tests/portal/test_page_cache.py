"""The whole-response cache of anonymous pages (portal/page_cache.py): one Redis round
trip and no query on a hit, 304s, and never a page that belongs to one visitor."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from compliance import visit_batch, visits
from portal.publishing import PublicationStatus
from tests.content.factories import ArticleFactory, CategoryFactory

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"


def visitor(tenant) -> Client:
    return Client(HTTP_HOST=tenant.domains.get(is_primary=True).hostname, HTTP_USER_AGENT=BROWSER)


def served_from_cache(client: Client, path: str, **extra):
    """GET until the cache answers: a process learns a host's site on its first page."""
    for _ in range(3):
        response = client.get(path, **extra)
        if response.get("X-Page-Cache") == "hit":
            return response
    raise AssertionError(f"{path} never served from the cache: {response.get('X-Page-Cache')}")


@pytest.fixture
def article(commune):
    news = CategoryFactory(tenant=commune, name_vi="Tin tức", slug="tin-tuc")
    return ArticleFactory(tenant=commune, category=news, title_vi="Khai trương chợ mới")


class RedisCommands:
    """Counts the commands the page cache's client sends (a spy, Redis still answers)."""

    def __init__(self, client):
        self.count = 0
        self._execute = client.execute_command
        client.execute_command = self

    def __call__(self, *args, **kwargs):
        self.count += 1
        return self._execute(*args, **kwargs)


def test_a_warm_article_costs_one_redis_round_trip_and_no_query(
    page_cache, article, commune, django_assert_num_queries
):
    client = visitor(commune)
    path = article.get_absolute_url()
    first = served_from_cache(client, path)
    redis_client = page_cache.client()
    spy = RedisCommands(redis_client)
    try:
        with django_assert_num_queries(0):
            response = client.get(path)
    finally:
        del redis_client.execute_command
    assert response["X-Page-Cache"] == "hit"
    assert spy.count == 1
    assert response.content == first.content
    assert response["Content-Security-Policy"] and response["ETag"] and response["Last-Modified"]


def test_etag_and_last_modified_answer_304(page_cache, article, commune):
    client = visitor(commune)
    path = article.get_absolute_url()
    cached = served_from_cache(client, path)
    assert client.get(path, HTTP_IF_NONE_MATCH=cached["ETag"]).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=cached["Last-Modified"]).status_code == 304
    assert client.get(path, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    not_modified = client.get(path, HTTP_IF_NONE_MATCH=cached["ETag"])
    assert not_modified["ETag"] == cached["ETag"] and not not_modified.content


def test_a_publication_shows_on_the_next_request(page_cache, article, commune):
    client = visitor(commune)
    served_from_cache(client, "/")
    ArticleFactory(tenant=commune, category=article.category, title_vi="Hội chợ xuân")
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Hội chợ xuân" in response.content.decode()


def test_signed_in_staff_neither_read_nor_fill_the_cache(
    page_cache, article, commune, commune_editor
):
    path = article.get_absolute_url()
    served_from_cache(visitor(commune), path)
    staff = Client(HTTP_HOST=commune.domains.get(is_primary=True).hostname)
    staff.force_login(commune_editor)
    for _ in range(3):
        assert staff.get(path)["X-Page-Cache"] == "bypass"


def test_pages_with_a_csrf_form_are_never_shared(page_cache, commune):
    client = visitor(commune)
    path = reverse("dialogue:ask")
    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200 and response["X-Page-Cache"] == "miss"
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_posts_and_error_pages_are_not_cached(page_cache, commune):
    client = visitor(commune)
    for _ in range(3):
        assert client.get("/khong-co-trang-nay/").status_code == 404
    assert client.get("/khong-co-trang-nay/")["X-Page-Cache"] == "miss"
    response = client.post(reverse("surveys:rate_page"), {"path": "/", "useful": "1"})
    assert response.get("X-Page-Cache") != "hit"


def test_a_flash_message_cookie_skips_the_cache(page_cache, article, commune):
    client = visitor(commune)
    path = article.get_absolute_url()
    served_from_cache(client, path)
    client.cookies["messages"] = "anything"
    assert client.get(path)["X-Page-Cache"] == "bypass"


def _counted_views(site_id: int) -> int:
    """The site's views today once every tallied view is written. The process's flusher
    thread (visit_batch) may be writing a batch it took meanwhile: read until it settles."""
    visit_batch.flush()
    counted = visits.live_today(site_id)
    for _ in range(30):
        time.sleep(0.1)
        again = visits.live_today(site_id)
        if again == counted:
            return counted
        counted = again
    raise AssertionError("the view count never settled")


def test_views_served_from_the_cache_are_counted(page_cache, article, commune):
    client = visitor(commune)
    path = article.get_absolute_url()
    served_from_cache(client, path)
    before = _counted_views(commune.pk)
    for _ in range(5):
        assert client.get(path)["X-Page-Cache"] == "hit"
    Client(HTTP_HOST=commune.domains.get(is_primary=True).hostname, HTTP_USER_AGENT="curl/8").get(
        path
    )
    # Not flush()'s return: the flusher thread may have written some of the five already.
    assert _counted_views(commune.pk) == before + 5  # the bot's view is not counted


def test_a_draft_never_leaks_through_the_cache(page_cache, article, commune):
    draft = ArticleFactory(
        tenant=commune,
        category=article.category,
        title_vi="Bản nháp",
        status=PublicationStatus.DRAFT,
    )
    client = visitor(commune)
    served_from_cache(client, "/")
    assert "Bản nháp" not in client.get("/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_off_when_disabled(settings, article, commune):
    settings.PAGE_CACHE_SECONDS = 0
    client = visitor(commune)
    for _ in range(3):
        assert "X-Page-Cache" not in client.get(article.get_absolute_url())
