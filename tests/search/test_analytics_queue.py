"""Search counts off the request path: one Redis call per search, a periodic bulk drain."""

import logging
import re
from datetime import date

import pytest
from celery.signals import before_task_publish, task_prerun
from django.conf import settings

from portal.cache import breaker_for
from search import analytics
from search.analytics import week_of
from search.models import SearchQueryStat
from search.schedule import SCHEDULE
from search.tasks import drain_analytics
from tests.search.factories import bulletin, index_all

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL, reason="the queue is in Redis (REDIS_URL); without it counts are direct"
)

CLOSED_PORT = 21209  # nothing listens there

SEARCHES = [  # (site, query as typed, found)
    ("a", "Quy hoạch", True),
    ("a", "quy   hoach", True),
    ("a", "QUY HOẠCH ", False),
    ("a", "khong co gi", False),
    ("a", "0912 345 678", False),
    ("a", "nguyenvana@example.com", True),
    ("a", "   ", True),
    ("b", "quy hoach", False),
    ("b", "Đăng ký kết hôn", True),
]


def _rows():
    columns = ("tenant_id", "week", "query", "searches", "zero_results")
    return sorted(SearchQueryStat.objects.values_list(*columns))


def _text(response) -> str:
    return re.sub(r"</?mark>", "", response.content.decode())


@pytest.fixture
def sent_tasks():
    names = []

    def published(sender=None, headers=None, **kwargs):
        names.append((headers or {}).get("task", sender))

    def ran(sender=None, **kwargs):
        names.append(sender.name)

    before_task_publish.connect(published, weak=False)
    task_prerun.connect(ran, weak=False)
    yield names
    before_task_publish.disconnect(published)
    task_prerun.disconnect(ran)


def test_a_search_sends_no_celery_task_and_waits_in_the_list(
    commune, site_client, sent_tasks, django_capture_on_commit_callbacks
):
    bulletin(commune, "Quy hoạch sử dụng đất")
    index_all()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = site_client(commune).get("/tim-kiem/", {"q": "Quy hoạch"})
    assert response.status_code == 200 and "Quy hoạch sử dụng đất" in _text(response)
    assert sent_tasks == [] and callbacks == []
    assert analytics.queued() == 1  # no worker yet: the search waits in Redis
    assert SearchQueryStat.objects.count() == 0
    assert drain_analytics.delay().get() == 1
    stat = SearchQueryStat.objects.get()
    assert (stat.tenant_id, stat.query, stat.searches, stat.zero_results) == (
        commune.pk,
        "quy hoach",
        1,
        0,
    )
    assert analytics.queued() == 0


def test_the_drain_writes_what_one_task_per_search_wrote(commune, other_commune):
    sites = {"a": commune.pk, "b": other_commune.pk}
    week = week_of(date.today())
    for site, query, found in SEARCHES:  # the old path: analytics.record per search
        analytics.record(sites[site], query, found)
    before = _rows()
    assert len(before) == 5  # hidden, quy hoach, khong co gi (a); quy hoach, dang ky (b)
    SearchQueryStat.objects.all().delete()

    for site, query, found in SEARCHES:
        analytics.record_later(sites[site], query, found)
    assert analytics.drain(batch=2) == len(SEARCHES)  # five batches
    assert _rows() == before
    assert {row[1] for row in before} == {week}

    # Counts add up across drains, as successive tasks did.
    for site, query, found in SEARCHES[:3]:
        analytics.record(sites[site], query, found)
    expected = _rows()
    SearchQueryStat.objects.all().delete()
    for site, query, found in SEARCHES + SEARCHES[:3]:
        analytics.record_later(sites[site], query, found)
        if (site, query) == SEARCHES[-1][:2]:
            analytics.drain()
    analytics.drain()
    assert _rows() == expected


def test_a_full_queue_keeps_the_older_searches_and_says_how_many_were_dropped(
    commune, monkeypatch, caplog
):
    monkeypatch.setattr(analytics, "QUEUE_CAP", 3)
    for query in ["mot", "hai", "ba", "bon", "nam"]:
        analytics.record_later(commune.pk, query, True)
    assert analytics.queued() == 3
    with caplog.at_level(logging.WARNING, logger="search.analytics"):
        assert analytics.drain() == 3
    assert sorted(SearchQueryStat.objects.values_list("query", flat=True)) == ["ba", "hai", "mot"]
    assert "2 searches not counted" in caplog.text
    analytics.record_later(commune.pk, "sau", True)  # room again once drained
    assert analytics.queued() == 1


def test_a_failed_write_puts_the_batch_back(commune, monkeypatch):
    for query in ["mot", "hai", "ba"]:
        analytics.record_later(commune.pk, query, True)

    def database_down(searches):
        raise OSError("database unavailable")

    monkeypatch.setattr(analytics, "write", database_down)
    with pytest.raises(OSError):
        analytics.drain(batch=2)
    assert analytics.queued() == 3
    monkeypatch.undo()
    assert analytics.drain() == 3
    assert SearchQueryStat.objects.count() == 3


def test_searches_of_a_deleted_site_and_unreadable_records_are_skipped(commune):
    analytics.record_later(commune.pk, "mot", True)
    analytics.record_later(commune.pk + 10_000, "hai", True)
    analytics._client().rpush(analytics._key(analytics.QUEUE_KEY), b"not json")
    assert analytics.drain() == 3
    assert list(SearchQueryStat.objects.values_list("query", flat=True)) == ["mot"]


def test_redis_down_the_search_still_answers(commune, site_client, settings, sent_tasks):
    bulletin(commune, "Quy hoạch sử dụng đất")
    index_all()
    url = f"redis://127.0.0.1:{CLOSED_PORT}/0"
    settings.REDIS_URL = url
    breaker_for(url).reset()
    try:
        response = site_client(commune).get("/tim-kiem/", {"q": "Quy hoạch"})
        assert response.status_code == 200
        assert "Quy hoạch sử dụng đất" in _text(response)
        assert breaker_for(url).is_down
        assert analytics.drain() == 0  # the beat task too: logged, no exception
    finally:
        breaker_for(url).reset()
    assert sent_tasks == []


def test_beat_drains_every_minute():
    assert SCHEDULE["search-drain-analytics"]["task"] == drain_analytics.name
    assert SCHEDULE["search-drain-analytics"]["schedule"] <= 60
