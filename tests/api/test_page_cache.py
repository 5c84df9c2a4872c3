"""The API answers from the pages' whole-response cache (portal/page_cache.py, api/caching.py):
no query on a hit, 304s, the next request after a publication shows it, and every request
— hit or not — still passes the API gate (rate limit, Accept)."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from api.v1 import api
from compliance import visit_batch
from portal.cache_dependencies import ALL, FAMILY, LINEAGE, _declarations, declared_models
from tests.api.world import make_notice, make_published
from tests.content.factories import ArticleFactory
from tests.dialogue.factories import HotlineFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"


def visitor(tenant, **extra) -> Client:
    host = tenant.domains.get(is_primary=True).hostname
    return Client(HTTP_HOST=host, HTTP_USER_AGENT=BROWSER, **extra)


def served_from_cache(client: Client, path: str, **extra):
    """GET until the cache answers: a process learns a host's site on its first answer."""
    for _ in range(3):
        response = client.get(path, **extra)
        assert response.status_code == 200, response.content[:300]
        if response.get("X-Page-Cache") == "hit":
            return response
    raise AssertionError(f"{path} never served from the cache: {response.get('X-Page-Cache')}")


def test_a_hit_costs_no_query_and_answers_304(page_cache, commune, django_assert_num_queries):
    make_published(commune, "MARKA")
    client = visitor(commune)
    first = served_from_cache(client, "/api/v1/articles?limit=5")
    with django_assert_num_queries(0):
        hit = client.get("/api/v1/articles?limit=5")
        not_modified = client.get("/api/v1/articles?limit=5", HTTP_IF_NONE_MATCH=first["ETag"])
    assert hit["X-Page-Cache"] == "hit" and hit.content == first.content
    assert hit["Content-Type"].startswith("application/json")
    assert hit["Access-Control-Allow-Origin"] == "*" and hit["RateLimit-Limit"]
    assert not_modified.status_code == 304 and not not_modified.content
    assert not_modified["ETag"] == first["ETag"]
    other = client.get("/api/v1/articles?limit=5", HTTP_IF_NONE_MATCH='"other"')
    assert other.status_code == 200 and other["X-Page-Cache"] == "hit"


def test_a_publication_shows_on_the_next_request(page_cache, province, commune):
    make_published(commune, "MARKA")
    client, portal = visitor(commune), visitor(province)
    served_from_cache(client, "/api/v1/articles")
    served_from_cache(portal, "/api/v1/articles?scope=subtree")
    ArticleFactory(tenant=commune, title_vi="Hội chợ xuân")
    response = client.get("/api/v1/articles")
    assert response["X-Page-Cache"] == "miss" and "Hội chợ xuân" in response.content.decode()
    assert "Hội chợ xuân" in portal.get("/api/v1/articles?scope=subtree").content.decode()


def test_a_commune_hotline_and_a_province_wide_notice_reach_the_other_sites(
    page_cache, province, commune
):
    portal, client = visitor(province), visitor(commune)
    served_from_cache(portal, "/api/v1/hotlines?scope=subtree")
    served_from_cache(client, "/api/v1/downtime-notices")
    HotlineFactory(tenant=commune, purpose_vi="Đường dây xã mới")
    assert "Đường dây xã mới" in portal.get("/api/v1/hotlines?scope=subtree").content.decode()
    make_notice(province, "Bảo trì toàn tỉnh", include_subtree=True)
    assert "Bảo trì toàn tỉnh" in client.get("/api/v1/downtime-notices").content.decode()


def test_hits_count_against_the_anonymous_rate_limit(page_cache, settings, commune):
    settings.API_ANON_RATE_PER_MINUTE = 6
    client = visitor(commune)
    answers = [client.get("/api/v1/categories") for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 6
    assert answers[-1]["X-Page-Cache"] == "hit"  # the last ones came from the cache
    refused = client.get("/api/v1/categories")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert refused["Content-Type"].startswith("application/problem+json")
    assert "6" in refused.json()["detail"]
    other_client = visitor(commune, REMOTE_ADDR="10.0.0.9")
    assert other_client.get("/api/v1/categories")["X-Page-Cache"] == "hit"  # per client


def test_a_hit_still_refuses_an_accept_the_api_does_not_serve(page_cache, commune):
    client = visitor(commune)
    served_from_cache(client, "/api/v1/hotlines")
    refused = client.get("/api/v1/hotlines", HTTP_ACCEPT="application/xml")
    assert refused.status_code == 406
    assert refused["Content-Type"].startswith("application/problem+json")


def test_consumers_bypass_and_api_hits_are_not_page_views(page_cache, commune):
    client = visitor(commune)
    served_from_cache(client, "/api/v1/hotlines")
    visit_batch.flush()
    for _ in range(3):
        assert client.get("/api/v1/hotlines")["X-Page-Cache"] == "hit"
    assert visit_batch.flush() == 0  # JSON is not a page view (compliance/visits.py)
    token = client.get("/api/v1/hotlines", HTTP_AUTHORIZATION="Bearer nope")
    assert token.status_code == 401 and token["X-Page-Cache"] == "bypass"


# --- every model an answer reads invalidates the answers that show it ------------------
def _tables_read(client, world, commune) -> set[str]:
    schema = api.get_openapi_schema()
    samples = {
        "slug": commune.slug,
        "code": "1.000001",
        "article_id": world["articles"].pk,
        "document_id": world["documents"].pk,
        "consultation_id": world["consultations"].pk,
        "record_id": world["statistics"].pk,
        "question_id": world["questions"].pk,
        "session_id": world["dialogue-sessions"].pk,
    }
    tables: set[str] = set()
    for path in schema["paths"]:
        url = re.sub(r"{(\w+)}", lambda m: str(samples[m.group(1)]), path)
        for query in ("", "?scope=subtree"):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url + query)
            assert response.status_code in (200, 400), (url, response.content[:200])
            for q in captured.captured_queries:
                tables.update(re.findall(r'(?:FROM|JOIN) "(\w+)"', q["sql"]))
    return tables


def test_every_model_the_api_reads_bumps_the_sites_above(site_client, commune, other_commune):
    """A subtree answer on a site shows rows of the sites below it: a change to one of them
    must reach that site's page version (LINEAGE, FAMILY or ALL), or be time-bound."""
    world = make_published(commune, "MARKA", code="1.000001")
    make_notice(commune, "Bảo trì")
    tables = _tables_read(site_client(commune), world, commune)
    by_table = {model._meta.db_table: model._meta.label for model in apps.get_models()}
    read = {by_table[t] for t in tables if t in by_table}
    assert {"content.Article", "operations.DowntimeNotice", "dialogue.Hotline"} <= read
    reaching = {
        d.model for d in _declarations("PAGE_DEPENDENCIES") if d.scope in (LINEAGE, FAMILY, ALL)
    }
    time_bound = declared_models()["time_bound"]
    project = {label for label in read if not label.startswith(("auth.", "contenttypes."))}
    assert not project - reaching - time_bound, sorted(project - reaching - time_bound)
