"""Visit counting: Redis per site, page and day; no database write on a page view; bots
left out; flushed to PostgreSQL; pages still served with Redis down."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance import visits
from compliance.models import VisitDaily

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156 Safari/537.36"


def view(client, path="/", agent=BROWSER, **headers):
    return client.get(path, HTTP_USER_AGENT=agent, **headers)


def test_a_page_view_is_counted_in_redis_without_a_database_write(
    commune, site_client, visit_prefix
):
    client = site_client(commune)
    view(client)  # warm the site caches
    with CaptureQueriesContext(connection) as queries:
        response = view(client, "/gioi-thieu/")
    assert response.status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert visits.live_today(commune.pk) == 2
    assert VisitDaily.objects.count() == 0


def test_bots_prefetches_and_empty_agents_are_not_counted(commune, site_client, visit_prefix):
    client = site_client(commune)
    view(client, agent="Googlebot/2.1 (+http://www.google.com/bot.html)")
    view(client, agent="curl/8.5.0")
    view(client, agent="")
    view(client, agent="facebookexternalhit/1.1")
    view(client, **{"HTTP_SEC_PURPOSE": "prefetch"})
    assert visits.live_today(commune.pk) == 0
    view(client)
    assert visits.live_today(commune.pk) == 1


def test_flush_moves_counts_to_postgres_per_site_page_and_day(
    commune, other_commune, site_client, visit_prefix
):
    own, other = site_client(commune), site_client(other_commune)
    for _ in range(3):
        view(own, "/")
    view(own, "/gioi-thieu/")
    view(other, "/")
    assert visits.flush() == 3
    today = timezone.localdate()
    rows = {(r.tenant_id, r.path): r.views for r in VisitDaily.objects.filter(day=today)}
    assert rows == {
        (commune.pk, "/"): 3,
        (commune.pk, "/gioi-thieu/"): 1,
        (other_commune.pk, "/"): 1,
    }
    # A second interval adds to the same rows; an empty flush writes nothing.
    view(own, "/")
    assert visits.flush() == 1
    assert VisitDaily.objects.get(tenant=commune, day=today, path="/").views == 4
    assert visits.flush() == 0


def test_no_ip_or_user_agent_is_stored(commune, site_client, visit_prefix):
    view(site_client(commune), "/", REMOTE_ADDR="203.0.113.7")
    visits.flush()
    client = visits.client()
    stored = b" ".join(
        b" ".join(map(bytes, client.hgetall(key) or {}))
        for key in client.scan_iter(f"{visit_prefix}:*")
        if client.type(key) == b"hash"
    )
    assert b"203.0.113.7" not in stored and b"Mozilla" not in stored
    fields = {f.name for f in VisitDaily._meta.fields}
    assert fields == {"id", "tenant", "day", "path", "views"}


def test_distinct_paths_are_bounded(commune, site_client, visit_prefix, monkeypatch):
    monkeypatch.setattr(visits, "MAX_PATHS", 2)
    client = site_client(commune)
    for path in ("/", "/gioi-thieu/", "/khong-co-1/", "/khong-co-2/"):
        view(client, path)
    visits.flush()
    paths = set(VisitDaily.objects.filter(tenant=commune).values_list("path", flat=True))
    assert paths == {"/", "/gioi-thieu/", visits.OTHER_PATH}


def test_footer_and_statistics_page_show_today_month_total(
    commune, site_client, visit_prefix, django_assert_max_num_queries
):
    today = timezone.localdate()
    VisitDaily.objects.create(tenant=commune, day=today - timedelta(days=400), path="/", views=1000)
    VisitDaily.objects.create(
        tenant=commune, day=today.replace(day=1) - timedelta(days=1), path="/", views=50
    )
    if today.day > 1:
        VisitDaily.objects.create(
            tenant=commune, day=today.replace(day=1), path="/gioi-thieu/", views=7
        )
    client = site_client(commune)
    view(client)
    with django_assert_max_num_queries(12):
        response = view(client, "/thong-ke-truy-cap/")
    html = response.content.decode()
    assert "Thống kê truy cập" in html and "<svg" in html
    month = (7 if today.day > 1 else 0) + 2
    assert f"<dt>Tháng này</dt><dd>{month}</dd>" in html
    assert f"<dt>Tổng số</dt><dd>{1000 + 50 + month}</dd>" in html
    assert "/gioi-thieu/" in html or today.day == 1


def test_pages_are_served_when_redis_is_down(commune, site_client, settings):
    settings.COMPLIANCE_VISITS_REDIS_URL = "redis://127.0.0.1:1/0"  # a closed port
    client = site_client(commune)
    response = view(client, "/")
    assert response.status_code == 200
    assert "Thống kê truy cập" in response.content.decode()
    assert view(client, "/thong-ke-truy-cap/").status_code == 200
    assert visits.live_today(commune.pk) is None


def test_flush_with_redis_down_loses_nothing_stored(commune, settings):
    VisitDaily.objects.create(tenant=commune, day=timezone.localdate(), path="/", views=5)
    settings.COMPLIANCE_VISITS_REDIS_URL = "redis://127.0.0.1:1/0"
    assert visits.flush() == 0  # logged; the next beat retries
    assert VisitDaily.objects.get(tenant=commune).views == 5


def test_footer_reads_only_the_cache_and_the_flush_refills_it(commune, site_client, visit_prefix):
    from django.core.cache import cache

    VisitDaily.objects.create(
        tenant=commune, day=timezone.localdate() - timedelta(days=400), path="/", views=900
    )
    client = site_client(commune)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        html = view(client, "/").content.decode()
    assert not any("compliance_visitdaily" in q["sql"] for q in queries)
    assert "<dt>Hôm nay</dt><dd>1</dd>" in html and "Tổng số" not in html
    visits.flush()
    html = view(client, "/").content.decode()
    assert "<dt>Hôm nay</dt><dd>2</dd>" in html
    assert "<dt>Tổng số</dt><dd>902</dd>" in html


def test_a_page_without_the_footer_is_counted_and_feeds_and_redirects_are_not(
    province, commune, site_client, visit_prefix
):
    from tests.procedures.factories import SyncSourceFactory, import_records, record

    import_records(SyncSourceFactory(tenant=province), record("1.1", tenants=["xaa"]))
    client = site_client(commune)
    printable = view(client, "/thu-tuc-hanh-chinh/1.1/ban-in/")
    assert printable.status_code == 200
    assert "Thống kê truy cập" not in printable.content.decode()  # no footer counter
    assert visits.live_today(commune.pk) == 1
    assert view(client, "/rss/").status_code == 200
    assert view(client, "/favicon.ico").status_code in (301, 302)
    assert view(client, "/robots.txt").status_code == 200
    assert visits.live_today(commune.pk) == 1
