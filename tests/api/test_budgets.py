"""A query budget for every operation of the published schema (a warm tenant cache, a
world with an item of every kind on the site and on another site)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.v1 import api
from tests.api.world import make_drafts, make_published

pytestmark = pytest.mark.django_db

SCHEMA = api.get_openapi_schema()
PATHS = sorted(SCHEMA["paths"])
PARAMETERS = {
    path: {p["name"] for p in operations["get"].get("parameters", [])}
    for path, operations in SCHEMA["paths"].items()
}
# Measured on the world below; a change that adds a query per item or per page fails here.
BUDGETS = {
    "/api/v1/": 1,
    "/api/v1/articles": 1,
    "/api/v1/articles/{article_id}": 2,
    "/api/v1/categories": 1,
    "/api/v1/consultations": 1,
    "/api/v1/consultations/{consultation_id}": 1,
    "/api/v1/dialogue-sessions": 1,
    "/api/v1/dialogue-sessions/{session_id}": 3,
    "/api/v1/documents": 1,
    "/api/v1/documents/{document_id}": 4,
    "/api/v1/downtime-notices": 1,
    "/api/v1/hotlines": 1,
    "/api/v1/procedures": 1,
    "/api/v1/procedures/{code}": 2,
    "/api/v1/questions": 1,
    "/api/v1/questions/{question_id}": 1,
    "/api/v1/records": 1,
    "/api/v1/records/{record_id}": 3,
    "/api/v1/records/{record_id}/table": 3,
    "/api/v1/sites": 2,
    "/api/v1/sites/{slug}": 2,
    "/api/v1/statistics": 2,
    "/api/v1/statistics/{record_id}": 2,
}
DEFAULT_BUDGET = 6  # an endpoint added later is held to the common budget of a list


@pytest.fixture
def world(commune, other_commune):
    mine = make_published(commune, "MARKA", code="1.000001")
    make_drafts(commune, "NHAPA")
    make_published(other_commune, "MARKB", code="1.000002")
    return mine


def _fill(path: str, mine: dict, commune) -> str | None:
    samples = {
        "slug": commune.slug,
        "code": "1.000001",
        "article_id": mine["articles"].pk,
        "document_id": mine["documents"].pk,
        "consultation_id": mine["consultations"].pk,
        "record_id": mine["statistics"].pk,
        "question_id": mine["questions"].pk,
        "session_id": mine["dialogue-sessions"].pk,
    }
    names = re.findall(r"{(\w+)}", path)
    if any(name not in samples for name in names):
        return None
    return re.sub(r"{(\w+)}", lambda m: str(samples[m.group(1)]), path)


def test_every_operation_keeps_its_query_budget(site_client, commune, world):
    client = site_client(commune)
    client.get("/api/v1/")  # the tenant cache is warm in production
    measured, over = {}, {}
    for path in PATHS:
        url = _fill(path, world, commune)
        if url is None:
            continue  # an endpoint added later with a parameter this test cannot fill
        if "limit" in PARAMETERS[path]:
            url += "?limit=100&scope=subtree"
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        measured[path] = len(captured.captured_queries)
        if measured[path] > BUDGETS.get(path, DEFAULT_BUDGET):
            over[path] = [q["sql"][:300] for q in captured.captured_queries]
    print("queries per operation:", measured)
    assert len(measured) >= len(BUDGETS)
    assert not over, over
