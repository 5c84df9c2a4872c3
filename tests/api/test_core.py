"""The API's common behaviour: index, errors as problem+json, pagination, 304, limits."""

import pytest
from django.test import override_settings

from portal.publishing import PublicationStatus
from tests.content.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def test_index_lists_the_endpoints(site_client, commune):
    response = site_client(commune).get("/api/v1/")
    assert response.status_code == 200
    data = response.json()
    names = {e["name"] for e in data["endpoints"]}
    assert {"articles", "documents", "procedures", "records", "hotlines"} <= names
    assert data["openapi"].endswith("/api/v1/openapi.json")


def test_openapi_document_declares_problems(site_client, commune):
    schema = site_client(commune).get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    articles = schema["paths"]["/api/v1/articles"]["get"]["responses"]
    assert PROBLEM in articles["400"]["content"]
    assert "Retry-After" in articles["429"]["headers"]


def test_docs_page_uses_vendored_swagger(site_client, commune):
    response = site_client(commune).get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/api/swagger-ui/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


@pytest.mark.parametrize(
    "query, status",
    [
        ("?bogus=1", 400),
        ("?limit=0", 400),
        ("?limit=abc", 400),
        ("?cursor=%%%%", 400),
        ("?cursor=WzEsMl0", 400),  # base64 of [1,2]: wrong arity
        ("?cursor=" + "A" * 390, 400),
        ("?updated_since=2026-13-45", 400),
        ("?updated_since=9999-12-31T23:59:59-12:00", 400),
        ("?updated_since=2026-01-01T00:00:00", 200),
        ("?updated_since=0172-09-29T22:51:06%2B22:52", 200),  # found by schemathesis
        ("?category=a%00b", 400),  # NUL: found by schemathesis
        ("?year=99999", 400),
        ("?lang=fr", 400),
        ("?q=" + "x" * 10_000, 414),
        ("?category=khong-co", 404),
    ],
)
def test_hostile_input_gets_a_problem_never_a_500(site_client, commune, query, status):
    ArticleFactory(tenant=commune)
    response = site_client(commune).get("/api/v1/articles" + query)
    assert response.status_code == status, response.content[:300]
    if status >= 400:
        assert response["Content-Type"].startswith(PROBLEM)
        assert response.json()["detail"]


def test_problem_in_english(site_client, commune):
    response = site_client(commune).get("/api/v1/articles?lang=en&bogus=1")
    assert response.status_code == 400
    assert "not supported" in response.json()["detail"]


def test_unserved_accept_is_406_and_unknown_path_404(site_client, commune):
    client = site_client(commune)
    response = client.get("/api/v1/articles", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response["Content-Type"].startswith(PROBLEM)
    assert client.get("/api/v1/khong-co").status_code == 404
    assert client.get("/api/v1/khong-co")["Content-Type"].startswith(PROBLEM)
    post = client.post("/api/v1/articles")
    assert post.status_code == 405
    assert post["Content-Type"].startswith(PROBLEM)


def test_tampered_token_is_401(site_client, commune):
    response = site_client(commune).get(
        "/api/v1/articles", HTTP_AUTHORIZATION="Bearer gpc_not-a-real-token"
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_registered_consumer_gets_its_own_limit(site_client, province, commune):
    from compliance.api import issue_token
    from compliance.models import ApiConsumer

    consumer = ApiConsumer(tenant=province, name="Cổng Quốc gia", rate_per_minute=5)
    token = issue_token(consumer)
    client = site_client(commune)
    with override_settings(API_ANON_RATE_PER_MINUTE=2):
        for _ in range(5):
            assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
        assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 429
        consumer.is_active = False
        consumer.save()
        assert client.get("/api/v1/", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


@override_settings(API_ANON_RATE_PER_MINUTE=3)
def test_anonymous_rate_limit(site_client, commune):
    client = site_client(commune)
    for _ in range(3):
        assert client.get("/api/v1/").status_code == 200
    response = client.get("/api/v1/")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response["Content-Type"].startswith(PROBLEM)


def test_etag_and_last_modified_give_304(site_client, commune):
    ArticleFactory(tenant=commune)
    client = site_client(commune)
    first = client.get("/api/v1/articles")
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get("/api/v1/articles", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert client.get("/api/v1/articles", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    ArticleFactory(tenant=commune)
    assert client.get("/api/v1/articles", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_cursor_pages_are_stable_under_inserts(site_client, commune):
    category = CategoryFactory(tenant=commune)
    made = [ArticleFactory(tenant=commune, category=category) for _ in range(7)]
    client = site_client(commune)
    first = client.get("/api/v1/articles?limit=3").json()
    assert [a["id"] for a in first["items"]] == [a.pk for a in reversed(made)][:3]
    ArticleFactory(tenant=commune, category=category)  # a new article while walking
    seen = [a["id"] for a in first["items"]]
    url = first["next"]
    while url:
        page = client.get(url).json()
        seen += [a["id"] for a in page["items"]]
        url = page["next"]
    assert seen == [a.pk for a in reversed(made)]


def test_english_lists_only_translated_items(site_client, commune):
    ArticleFactory(tenant=commune, title_vi="Chỉ tiếng Việt")
    ArticleFactory(tenant=commune, title_vi="Có bản dịch", title_en="Translated")
    data = site_client(commune).get("/api/v1/articles?lang=en").json()
    assert [a["title"] for a in data["items"]] == ["Translated"]
    assert site_client(commune).get("/api/v1/articles?lang=en")["Content-Language"] == "en"


def test_drafts_and_other_sites_never_appear(site_client, province, commune, other_commune):
    mine = ArticleFactory(tenant=commune, title_vi="Của xã")
    draft = ArticleFactory(tenant=commune, title_vi="Nháp", status=PublicationStatus.DRAFT)
    other = ArticleFactory(tenant=other_commune, title_vi="Xã khác")
    client = site_client(commune)
    ids = [a["id"] for a in client.get("/api/v1/articles?scope=subtree").json()["items"]]
    assert ids == [mine.pk]
    assert client.get(f"/api/v1/articles/{draft.pk}").status_code == 404
    assert client.get(f"/api/v1/articles/{other.pk}").status_code == 404
    portal = site_client(province).get("/api/v1/articles?scope=subtree").json()["items"]
    assert {a["id"] for a in portal} == {mine.pk, other.pk}
    urls = {a["site"]["slug"]: a["url"] for a in portal}
    assert urls[other_commune.slug].startswith("http://xab.portal.test/")
