"""4,000 sites on one installation: a public page costs what it costs with a province's
few hundred (the same queries; the timings are printed for the record)."""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants.bulk_sites import add_communes
from tenants.models import Tenant
from tenants.resolution import bump_tree_version
from tests.content.factories import ArticleFactory, CategoryFactory

NATIONAL = 4000


def _cost(client, path) -> tuple[int, float]:
    client.get(path)  # warm the shell caches, as on a live site
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return len(queries), min(timings)


def test_public_pages_cost_the_same_with_4000_sites(province, commune, site_client):
    news = CategoryFactory(tenant=commune, name_vi="Tin tức", slug="tin-tuc")
    article = None
    for n in range(25):
        article = ArticleFactory(tenant=commune, category=news, title_vi=f"Tin số {n}")
    pages = [
        (commune, "/"),
        (commune, "/chuyen-muc/tin-tuc/"),
        (commune, article.get_absolute_url()),
        (commune, "/tim-kiem/?q=tin"),
        (commune, "/rss/"),
        (province, "/"),
        (province, "/tim-kiem/?q=tin&scope=province"),
    ]
    before = {(t.slug, p): _cost(site_client(t), p) for t, p in pages}
    add_communes(province, NATIONAL, "qm")
    bump_tree_version()
    assert Tenant.objects.count() > NATIONAL
    after = {(t.slug, p): _cost(site_client(t), p) for t, p in pages}
    for key in before:
        print(f"{key}: {before[key][1]:.1f} ms -> {after[key][1]:.1f} ms")
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    # The province lists its 4,000 sites on its directory page, not on every page.
    home = site_client(province).get("/").content.decode()
    assert "Xã Quy Mô 0001" not in home and "trang thành phần</a>" in home
    about = site_client(province).get("/gioi-thieu/").content.decode()
    assert "Xã Quy Mô 0001" in about
