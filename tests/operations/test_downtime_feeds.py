"""A published downtime notice is the first item of each affected site's feeds (RSS, Atom,
JSON Feed) until its expected end; category feeds and other sites' feeds do not carry it."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from operations.models import DowntimeNotice
from tests.content.factories import ArticleFactory, CategoryFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news(commune):
    return CategoryFactory(tenant=commune, name_vi="Tin tức", slug="tin-tuc")


@pytest.fixture(autouse=True)
def _vietnamese_first(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    translation.activate("vi")
    yield
    translation.activate("vi")


def _rss(client, path="/rss/") -> list[ET.Element]:
    answer = client.get(path)
    assert answer.status_code == 200
    return list(ET.fromstring(answer.content).iter("item"))


def _schedule(tenant, **extra) -> DowntimeNotice:
    start = timezone.now() + timedelta(days=12)
    notice = DowntimeNotice(
        tenant=tenant,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        message_vi="Nâng cấp máy chủ",
        message_en="Server upgrade",
        **extra,
    )
    notice.save()
    return notice


def test_notice_is_an_item_of_the_site_feeds_until_its_end(
    commune, other_commune, news, site_client
):
    ArticleFactory(tenant=commune, category=news, title_vi="Tin đã đăng")
    notice = _schedule(commune)
    client = site_client(commune)
    first, article = _rss(client)
    assert first.findtext("title").startswith("Tạm ngừng hoạt động: từ ")
    assert "Nâng cấp máy chủ" in first.findtext("description")
    assert (
        first.findtext("link") == f"http://xaa.portal.test/thong-bao-bao-tri/#thong-bao-{notice.pk}"
    )
    assert first.findtext("category") == "Thông báo bảo trì"
    assert article.findtext("title") == "Tin đã đăng"
    english = _rss(client, "/en/rss/")[0]
    assert english.findtext("title").startswith("Planned downtime: from ")
    assert "Server upgrade" in english.findtext("description")
    assert english.findtext("link").endswith(f"/en/thong-bao-bao-tri/#thong-bao-{notice.pk}")

    atom = ET.fromstring(client.get("/atom/").content).findall(f"{ATOM}entry")
    assert "Nâng cấp máy chủ" in atom[0].find(f"{ATOM}content").text
    items = client.get("/feed.json").json()["items"]
    assert items[0]["url"].endswith(f"#thong-bao-{notice.pk}") and len(items) == 2

    titles = [i.findtext("title") for i in _rss(client, "/chuyen-muc/tin-tuc/rss/")]
    assert titles == ["Tin đã đăng"]  # a category's feed is about its topic
    assert _rss(site_client(other_commune)) == []

    notice.starts_at = timezone.now() - timedelta(hours=3)
    notice.ends_at = timezone.now() - timedelta(minutes=1)
    notice.save()
    assert [i.findtext("title") for i in _rss(client)] == ["Tin đã đăng"]


def test_a_province_wide_emergency_is_in_every_sites_feed(province, commune, site_client):
    _schedule(province, include_subtree=True, is_emergency=True, emergency_reason="Vá lỗi")
    for tenant in (province, commune):
        (item,) = _rss(site_client(tenant))
        assert item.findtext("title").startswith("Bảo trì khẩn cấp: từ ")


def test_feed_with_a_notice_keeps_its_query_budget(
    commune, news, site_client, django_assert_max_num_queries
):
    ArticleFactory(tenant=commune, category=news)
    _schedule(commune)
    client = site_client(commune)
    client.get("/rss/")
    for url in ("/rss/", "/atom/", "/feed.json"):
        with django_assert_max_num_queries(4):
            assert "Nâng cấp máy chủ" in client.get(url).content.decode()
