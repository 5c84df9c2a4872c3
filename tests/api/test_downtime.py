"""Planned-downtime notices through the API: exactly what the maintenance banner of each
site shows (its own notices and the province-wide ones above it), per site and subtree,
in both languages, paginated and revalidated like every list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from operations import downtime
from tests.api.world import make_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(province, commune, other_commune):
    return {
        "everywhere": make_notice(province, "Toàn tỉnh", days=8, include_subtree=True),
        "portal_only": make_notice(province, "Chỉ cổng tỉnh", days=9),
        "mine": make_notice(commune, "Xã A bảo trì", days=12, message_en="Commune A maintenance"),
        "ongoing": make_notice(commune, "Xã A đang bảo trì", days=0, is_emergency=True),
        "sibling": make_notice(other_commune, "Xã B bảo trì", days=11),
        "over": make_notice(commune, "Đã xong", days=-2),
        "not_yet_published": make_notice(
            commune, "Chưa công bố", days=20, published_at=timezone.now() + timedelta(days=1)
        ),
    }


def _messages(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return [item["message"] for item in response.json()["items"]]


def test_a_site_lists_what_its_banner_shows(site_client, commune, notices):
    client = site_client(commune)
    listed = client.get("/api/v1/downtime-notices").json()["items"]
    assert [item["message"] for item in listed] == [
        "Xã A đang bảo trì",
        "Toàn tỉnh",
        "Xã A bảo trì",
    ]  # soonest first; the province-wide notice comes from the site above
    banner = downtime.notices_for(commune)
    assert [item["id"] for item in listed] == [notice.pk for notice in banner]
    ongoing, everywhere, _mine = listed
    assert ongoing["ongoing"] and ongoing["is_emergency"]
    assert everywhere["site"]["slug"] == "tinh" and everywhere["applies_to_subtree"]
    assert everywhere["url"].endswith("/thong-bao-bao-tri/")
    assert "emergency_reason" not in ongoing and "created_by" not in ongoing


def test_subtree_adds_the_sites_below_never_a_sibling(site_client, province, commune, notices):
    portal = site_client(province)
    assert _messages(portal, "/api/v1/downtime-notices") == ["Toàn tỉnh", "Chỉ cổng tỉnh"]
    assert _messages(portal, "/api/v1/downtime-notices?scope=subtree&limit=100") == [
        "Xã A đang bảo trì",
        "Toàn tỉnh",
        "Chỉ cổng tỉnh",
        "Xã B bảo trì",
        "Xã A bảo trì",
    ]
    commune_subtree = _messages(site_client(commune), "/api/v1/downtime-notices?scope=subtree")
    assert "Xã B bảo trì" not in commune_subtree and "Chỉ cổng tỉnh" not in commune_subtree


def test_english_falls_back_to_vietnamese_and_says_so(site_client, commune, notices):
    items = site_client(commune).get("/api/v1/downtime-notices?lang=en").json()["items"]
    by_id = {item["id"]: item for item in items}
    assert by_id[notices["mine"].pk]["message"] == "Commune A maintenance"
    assert by_id[notices["mine"].pk]["message_language"] == "en"
    assert by_id[notices["everywhere"].pk]["message"] == "Toàn tỉnh"  # never left out
    assert by_id[notices["everywhere"].pk]["message_language"] == "vi"


def test_cursor_pages_and_304(site_client, commune, notices):
    client = site_client(commune)
    first = client.get("/api/v1/downtime-notices?limit=2").json()
    assert len(first["items"]) == 2 and first["next"]
    make_notice(commune, "Mới thêm", days=1)  # sorts before the cursor: no shift
    second = client.get(first["next"]).json()
    assert [item["message"] for item in second["items"]] == ["Xã A bảo trì"]
    assert second["next"] is None
    response = client.get("/api/v1/downtime-notices")
    again = client.get("/api/v1/downtime-notices", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    bad = client.get("/api/v1/downtime-notices?cursor=%%%")
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/problem+json")
    assert client.get("/api/v1/downtime-notices?state=ongoing").status_code == 400


def test_listed_in_the_index_and_the_disclosure_list(site_client, commune, notices):
    client = site_client(commune)
    names = [e["name"] for e in client.get("/api/v1/").json()["endpoints"]]
    assert "downtime_notices" in names
    html = client.get(
        "/danh-muc-thong-tin-cong-khai/", HTTP_USER_AGENT="Mozilla/5.0 Chrome/156"
    ).content.decode()
    assert 'href="/api/v1/downtime-notices"' in html
