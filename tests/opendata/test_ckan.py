"""The CKAN-compatible action API: what harvesters read, and CKAN's error shape."""

import json

import pytest
from django.test import override_settings

from tests.api.world import make_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(commune, other_commune):
    make_published(commune, "MARKA", code="1.000001")
    make_published(other_commune, "MARKB", code="1.000002")


def _ok(response):
    assert response.status_code == 200, response.content[:300]
    data = response.json()
    assert data["success"] is True
    assert data["help"].startswith("http://")
    return data["result"]


def test_package_list_names_the_datasets(site_client, commune, world):
    names = _ok(site_client(commune).get("/api/3/action/package_list"))
    assert names == ["ngan-sach", "so-lieu-thong-ke", "thu-tuc-hanh-chinh", "van-ban", "don-vi"]


def test_package_show_has_the_fields_harvesters_read(site_client, commune, world):
    package = _ok(site_client(commune).get("/api/3/action/package_show?id=van-ban"))
    for field in (
        "id",
        "name",
        "title",
        "notes",
        "license_id",
        "metadata_modified",
        "organization",
    ):
        assert package[field], field
    assert package["name"] == "van-ban"
    assert package["license_id"] == "cc-by"
    assert package["organization"]["name"] == "xaa"
    assert package["organization"]["title"] == "Xã An Bình"
    assert len(package["metadata_modified"]) == 26  # 2026-12-04T10:00:00.000000, as CKAN
    formats = {r["format"]: r["url"] for r in package["resources"]}
    assert formats["CSV"] == "http://xaa.portal.test/du-lieu-mo/van-ban.csv"
    assert formats["JSON"].startswith("http://xaa.portal.test/api/v1/documents?")
    same = _ok(site_client(commune).get(f"/api/3/action/package_show?id={package['id']}"))
    assert same["name"] == "van-ban"
    body = json.dumps(package, ensure_ascii=False)
    assert "MARKB" not in body


def test_package_show_follows_its_links_to_this_sites_data(site_client, commune, world):
    client = site_client(commune)
    package = _ok(client.get("/api/3/action/package_show?id=van-ban"))
    json_url = next(r["url"] for r in package["resources"] if r["format"] == "JSON")
    listed = client.get(json_url.removeprefix("http://xaa.portal.test")).json()
    assert [d["summary"] for d in listed["items"]] == ["Văn bản MARKA"]


def test_package_search_and_post_like_ckanapi(site_client, commune, world):
    client = site_client(commune)
    found = _ok(client.get("/api/3/action/package_search?q=thống kê&rows=1"))
    assert found["count"] == 1 and found["results"][0]["name"] == "so-lieu-thong-ke"
    everything = _ok(client.get("/api/3/action/package_search?rows=2&start=4"))
    assert everything["count"] == 5 and [p["name"] for p in everything["results"]] == ["don-vi"]
    posted = client.post(
        "/api/3/action/package_show",
        json.dumps({"id": "ngan-sach"}),
        content_type="application/json",
    )
    assert _ok(posted)["name"] == "ngan-sach"


@pytest.mark.parametrize(
    "url, status, kind",
    [
        ("/api/3/action/package_show", 409, "Validation Error"),
        ("/api/3/action/package_show?id=khong-co", 404, "Not Found Error"),
        ("/api/3/action/package_show?id=a%00b", 409, "Validation Error"),
        ("/api/3/action/package_search?rows=abc", 409, "Validation Error"),
        ("/api/3/action/package_search?rows=100000", 409, "Validation Error"),
        ("/api/3/action/khong_co", 400, "Validation Error"),
    ],
)
def test_errors_in_ckans_shape(site_client, commune, url, status, kind):
    response = site_client(commune).get(url)
    assert response.status_code == status
    data = response.json()
    assert data["success"] is False
    assert data["error"]["__type"] == kind


def test_missing_id_names_the_field_as_ckan_does(site_client, commune):
    error = site_client(commune).get("/api/3/action/package_show").json()["error"]
    assert error["id"] == ["Missing value"]


def test_bad_json_body_is_a_ckan_error(site_client, commune):
    response = site_client(commune).post(
        "/api/3/action/package_show", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["success"] is False


@override_settings(API_ANON_RATE_PER_MINUTE=2)
def test_rate_limited_with_retry_after(site_client, commune):
    client = site_client(commune)
    for _ in range(2):
        assert client.get("/api/3/action/package_list").status_code == 200
    response = client.get("/api/3/action/package_list")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response.json()["error"]["__type"] == "Rate Limit Error"


def test_organization_and_status(site_client, commune):
    client = site_client(commune)
    assert _ok(client.get("/api/3/action/organization_list")) == ["xaa"]
    assert _ok(client.get("/api/3/action/organization_show?id=xaa"))["package_count"] == 5
    assert _ok(client.get("/api/3/action/status_show"))["ckan_version"].startswith("2.")
    assert client.get("/api/3/action/organization_show?id=xab").status_code == 404
