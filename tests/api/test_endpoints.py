"""Every endpoint: scoping (drafts and other sites never appear), details, personal data
kept out, English, tables in three formats, and a constant number of queries a list."""

import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.world import LISTS, make_drafts, make_published

pytestmark = pytest.mark.django_db

PERSONAL = ("Nguyễn Thị Lan", "lan@example.com", "0912 345 678", "Người Hỏi")


@pytest.fixture
def world(commune, other_commune):
    mine = make_published(commune, "MARKA", code="1.000001")
    drafts = make_drafts(commune, "NHAPA")
    theirs = make_published(other_commune, "MARKB", code="1.000002")
    return mine, drafts, theirs


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return response.content.decode()


def test_every_list_is_scoped(site_client, province, commune, world):
    client = site_client(commune)
    for name in LISTS:
        for scope in ("site", "subtree"):
            body = _get(client, f"/api/v1/{name}?scope={scope}&limit=100")
            assert "NHAPA" not in body, name
            assert "MARKB" not in body, name
            if name not in ("categories", "sites"):
                assert "MARKA" in body, (name, scope)
            for personal in PERSONAL:
                assert personal not in body, (name, personal)
    portal = site_client(province)
    for name in LISTS:
        if name in ("categories", "sites"):
            continue
        body = _get(portal, f"/api/v1/{name}?scope=subtree&limit=100")
        assert "MARKA" in body and "MARKB" in body, name
        assert "NHAPA" not in body, name
        assert "MARKA" not in _get(portal, f"/api/v1/{name}?limit=100"), name


def test_drafts_and_other_sites_details_are_404(site_client, commune, world):
    mine, drafts, theirs = world
    client = site_client(commune)
    for name, item in [*drafts.items(), *theirs.items()]:
        if name == "hotlines":
            continue
        for scope in ("site", "subtree"):
            response = client.get(f"/api/v1/{name}/{item.pk}?scope={scope}")
            assert response.status_code == 404, (name, scope)
            assert response["Content-Type"].startswith("application/problem+json")
    assert client.get("/api/v1/procedures/1.000002").status_code == 404
    assert client.get(f"/api/v1/records/{theirs['statistics'].pk}/table").status_code == 404


def test_details_of_every_kind(site_client, commune, world):
    mine, _drafts, _theirs = world
    client = site_client(commune)
    for name, item in mine.items():
        if name == "hotlines":
            continue
        body = _get(client, f"/api/v1/{name}/{item.pk}")
        assert "MARKA" in body, name
        for personal in PERSONAL:
            assert personal not in body, (name, personal)
    procedure = json.loads(_get(client, "/api/v1/procedures/1.000001"))
    assert procedure["dossier"][0]["name"] == "Tờ khai đăng ký khai sinh"
    assert procedure["legal_basis"] == [{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}]
    document = json.loads(_get(client, f"/api/v1/documents/{mine['documents'].pk}"))
    assert document["signature"]["state"] == "none"
    assert document["legal_status"] in ("in_force", "expired", "not_yet", "partly_expired")
    site = json.loads(_get(client, f"/api/v1/sites/{commune.slug}"))
    assert site["hostnames"] == ["xaa.portal.test"]
    session = json.loads(_get(client, f"/api/v1/dialogue-sessions/{mine['dialogue-sessions'].pk}"))
    assert session["questions"][0]["question"] == "Câu hỏi MARKA?"


def test_table_as_json_csv_and_xlsx(site_client, commune, world):
    from openpyxl import load_workbook

    series = world[0]["statistics"]
    client = site_client(commune)
    table = client.get(f"/api/v1/records/{series.pk}/table").json()
    assert table == {
        "columns": ["2024", "2025"],
        "rows": [{"label": "Dân số", "unit": "người", "values": ["1000", "1010.5"]}],
    }
    csv = client.get(f"/api/v1/records/{series.pk}/table?format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Dân số" in csv.content.decode("utf-8-sig")
    xlsx = client.get(f"/api/v1/records/{series.pk}/table?format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(2, 1).value == "Dân số"
    statistics = client.get("/api/v1/statistics").json()["items"]
    assert statistics[0]["table"]["rows"][0]["values"] == ["1000", "1010.5"]
    assert statistics[0]["details"]["source"] == "Thống kê tỉnh"


def test_english_fields(site_client, commune, world):
    client = site_client(commune)
    article = client.get("/api/v1/articles?lang=en").json()["items"][0]
    assert article["title"] == "News MARKA"
    record = client.get("/api/v1/records?lang=en").json()["items"][0]
    assert record["title"].startswith("Disclosure no.")
    procedure = client.get("/api/v1/procedures?lang=en").json()["items"][0]
    assert procedure["name"] == "Birth registration"
    assert procedure["url"].startswith("http://xaa.portal.test/en/")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_each_list_costs_the_same_queries_whatever_the_page_size(site_client, commune, world):
    make_published(commune, "MARKC", code="1.000003")
    make_published(commune, "MARKD", code="1.000004")
    client = site_client(commune)
    client.get("/api/v1/")  # warm the tenant cache
    budget = {}
    for name in LISTS:
        one = _queries(client, f"/api/v1/{name}?limit=1&scope=subtree")
        many = _queries(client, f"/api/v1/{name}?limit=100&scope=subtree")
        assert one == many, (name, one, many)
        budget[name] = many
    assert max(budget.values()) <= 6, budget
    print("query budget per list:", budget)
