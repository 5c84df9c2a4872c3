"""The read-only JSON API: per-consumer hashed tokens, scope, rate limit, OpenAPI."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from compliance.api import issue_token
from compliance.models import ApiConsumer
from tests.compliance.conftest import make_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def consumer(province):
    consumer = ApiConsumer(tenant=province, name="Nền tảng đo lường quốc gia", rate_per_minute=5)
    token = issue_token(consumer)
    return consumer, token


def get(path, token=None, host="portal.test"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return Client(HTTP_HOST=host).get(path, **headers)


def test_missing_wrong_and_revoked_tokens(consumer):
    record, token = consumer
    assert get("/api/compliance/").status_code == 401
    assert get("/api/compliance/")["WWW-Authenticate"].startswith("Bearer")
    assert get("/api/compliance/", "gpc_wrong").status_code == 401
    record.is_active = False
    record.save()
    assert get("/api/compliance/", token).status_code == 403


def test_token_is_stored_only_as_a_hash(consumer):
    record, token = consumer
    record.refresh_from_db()
    assert token not in (record.token_hash, record.token_prefix)
    assert record.token_hash == ApiConsumer.hash_token(token)


def test_sites_of_the_subtree_with_scores(consumer, measured_tree, commune):
    _record, token = consumer
    response = get("/api/compliance/", token)
    assert response.status_code == 200
    data = response.json()
    by_slug = {site["slug"]: site for site in data["sites"]}
    assert by_slug["xaa"]["scores"]["overall"] == 80
    assert by_slug["xaa"]["hostname"] == "xaa.portal.test"
    assert data["next"] is None


def test_site_detail_and_subtree_rollup(consumer, measured_tree, commune):
    _record, token = consumer
    detail = get("/api/compliance/sites/xaa/", token).json()
    assert detail["site"]["name"] == "Xã An Bình"
    assert detail["run"]["scores"]["overall"] == 80
    rolled = get("/api/compliance/subtree/tinh/", token).json()
    assert rolled["weighted_by_sites"]["score"] == 67.5
    assert rolled["sites"] == 4


def test_a_consumer_of_one_commune_cannot_read_another(commune, other_commune):
    make_run(other_commune, 1, 1, 1, 1)
    consumer = ApiConsumer(tenant=commune, name="Công cụ của xã")
    token = issue_token(consumer)
    assert get("/api/compliance/sites/xab/", token).status_code == 403
    assert get("/api/compliance/subtree/tinh/", token).status_code == 403
    assert [s["slug"] for s in get("/api/compliance/", token).json()["sites"]] == ["xaa"]


def test_rate_limit_per_consumer(consumer):
    _record, token = consumer
    statuses = [get("/api/compliance/", token).status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]


def test_openapi_schema_describes_the_api(province):
    schema = get("/api/compliance/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/compliance/",
        "/api/compliance/sites/{slug}/",
        "/api/compliance/subtree/{slug}/",
    }
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_api_refuses_writes(consumer):
    _record, token = consumer
    response = Client(HTTP_HOST="portal.test").post(
        "/api/compliance/", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 405


def test_site_admin_creates_a_consumer_and_sees_the_token_once(province):
    from tenants.models import Role
    from tests.tenants.factories import MembershipFactory

    admin = MembershipFactory(tenant=province, role=Role.SITE_ADMIN, include_descendants=True).user
    client = Client(HTTP_HOST="portal.test")
    client.force_login(admin)
    response = client.post(
        "/admin/compliance/apiconsumer/add/",
        {"tenant": province.pk, "name": "Công cụ tỉnh", "is_active": "on", "rate_per_minute": 60},
        follow=True,
    )
    html = response.content.decode()
    assert "chỉ hiện một lần" in html
    token = html.split("hãy lưu lại): ")[1].split("<")[0].strip()
    assert get("/api/compliance/", token).status_code == 200


def test_api_query_count_is_flat(consumer, measured_tree, province, django_assert_max_num_queries):
    from tests.tenants.factories import TenantFactory

    _record, token = consumer
    for _ in range(10):
        make_run(TenantFactory(parent=province), 5, 5, 5, 5)
    get("/api/compliance/", token)
    with django_assert_max_num_queries(8):
        assert len(get("/api/compliance/", token).json()["sites"]) == 14


def test_keyset_pages(consumer, measured_tree, monkeypatch):
    from compliance import api

    monkeypatch.setattr(api, "PAGE_SIZE", 3)
    _record, token = consumer
    first = get("/api/compliance/", token).json()
    second = get(f"/api/compliance/?after={first['next']}", token).json()
    slugs = [s["slug"] for s in first["sites"] + second["sites"]]
    assert len(first["sites"]) == 3 and second["next"] is None
    assert sorted(slugs) == sorted(["tinh", "sotaichinh", "xaa", "xab"])


def test_last_use_is_recorded_after_more_than_five_minutes_even_a_day_later(consumer):
    """A day and ten seconds is more than five minutes (timedelta.seconds would say 10)."""
    row, token = consumer
    long_ago = timezone.now() - timedelta(days=1, seconds=10)
    ApiConsumer.objects.filter(pk=row.pk).update(last_used_at=long_ago)
    assert get("/api/compliance/", token).status_code == 200
    row.refresh_from_db()
    assert row.last_used_at > long_ago + timedelta(days=1)
