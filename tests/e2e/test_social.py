"""The social outbox in the admin, in real Chromium, after three articles went through
the local Graph API and Zalo OA stubs: one published, one failed then retried, one
withdrawn (and one still waiting on a rate limit). Screenshot with SCREENSHOTS=1."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from portal import publishing as workflow
from social import publishing
from social.models import Network, PostStatus
from tests.content.factories import ArticleFactory, ImageFactory
from tests.social.conftest import make_channel
from tests.social.stubs import (
    FB_RATE_LIMIT,
    FB_TOKEN,
    GRAPH_PREFIX,
    SERVER_ERROR,
    ZALO_PREFIX,
    ZALO_TOKEN,
    NetworkStub,
)
from tests.tenants.factories import UserFactory

pytestmark = pytest.mark.e2e

IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


@pytest.fixture
def stub(settings):
    stub = NetworkStub().start()
    settings.SOCIAL_FACEBOOK_GRAPH_URL = stub.url + GRAPH_PREFIX
    settings.SOCIAL_ZALO_OA_URL = stub.url + ZALO_PREFIX
    yield stub
    stub.stop()


def _article(tenant, title):
    return ArticleFactory(
        tenant=tenant,
        title_vi=title,
        summary_vi="Tóm tắt.",
        cover=ImageFactory(tenant=tenant),
        share_social=True,
        status=workflow.PublicationStatus.PENDING,
        published_at=None,
    )


def test_outbox_states_in_the_admin(page, e2e_sites, site_url, stub, assert_accessible):
    province = e2e_sites["province"]
    make_channel(province, Network.FACEBOOK, FB_TOKEN, name="Trang Facebook của tỉnh")
    make_channel(province, Network.ZALO, ZALO_TOKEN, name="Zalo OA của tỉnh")
    editor = UserFactory(is_superuser=True)

    published = _article(province, "Khai mạc Lễ hội Điện Hòn Chén")
    workflow.publish(published, by=editor)

    stub.answer_next("/feed", FB_RATE_LIMIT)
    stub.answer_next("/article/create", SERVER_ERROR)
    retried = _article(province, "Thông báo lịch tiếp công dân tháng 3")
    workflow.publish(retried, by=editor)
    assert {p.status for p in retried.social_posts.all()} == {PostStatus.RETRYING}
    publishing.send_due(timezone.now() + timedelta(minutes=16))
    assert {p.status for p in retried.social_posts.all()} == {PostStatus.POSTED}

    withdrawn = _article(province, "Tin đã gỡ: điều chỉnh giờ làm việc")
    workflow.publish(withdrawn, by=editor)
    workflow.archive(withdrawn, by=editor)
    assert {p.status for p in withdrawn.social_posts.all()} == {PostStatus.WITHDRAWN}

    stub.answer_next("/feed", FB_RATE_LIMIT)
    waiting = _article(province, "Hội nghị xúc tiến đầu tư")
    workflow.publish(waiting, by=editor)

    client = Client(HTTP_HOST="localhost")
    client.force_login(editor)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": site_url(province),
            }
        ]
    )
    page.set_viewport_size({"width": 1600, "height": 600})
    page.goto(site_url(province, "/admin/social/post/"))
    if page.locator("#toggle-nav-sidebar").is_visible():
        page.locator("#toggle-nav-sidebar").click()  # the table needs the width
    text = page.content()
    for label in ("Đã đăng", "Đã gỡ", "Lỗi – sẽ thử lại", "Page request limit reached"):
        assert label in text
    if os.environ.get("SCREENSHOTS"):
        IMG.mkdir(exist_ok=True)
        page.screenshot(path=str(IMG / "social-outbox.png"), full_page=True)
