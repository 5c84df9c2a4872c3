"""Zalo OA access tokens last about 25 hours: a channel with the app's id and secret and a
refresh token renews its pair through Zalo OAuth v4 (the local stub) before it expires,
and once after the OA API refuses an expired token. The refresh token is single use."""

from datetime import timedelta

from django.utils import timezone

from portal import publishing as workflow
from social import crypto
from social.models import Channel, Network, Post, PostStatus
from tests.content.factories import ArticleFactory, ImageFactory
from tests.social.conftest import make_channel
from tests.social.stubs import ZALO_APP_ID, ZALO_APP_SECRET, ZALO_REFRESH


def _renewable(tenant, token="zalo-expired-token", expires_at=None):
    channel = make_channel(
        tenant, Network.ZALO, token, app_id=ZALO_APP_ID, token_expires_at=expires_at
    )
    channel.app_secret_encrypted = crypto.encrypt(ZALO_APP_SECRET)
    channel.refresh_token_encrypted = crypto.encrypt(ZALO_REFRESH)
    channel.save()
    return channel


def _publish(province, superuser, capture):
    article = ArticleFactory(
        tenant=province,
        share_social=True,
        cover=ImageFactory(tenant=province),
        status=workflow.PublicationStatus.PENDING,
        published_at=None,
    )
    with capture(execute=True):
        workflow.publish(article, by=superuser)
    return Post.objects.get(article=article)


def test_token_about_to_expire_is_renewed_before_posting(
    province, networks, superuser, django_capture_on_commit_callbacks
):
    _renewable(province, expires_at=timezone.now() + timedelta(minutes=5))
    post = _publish(province, superuser, django_capture_on_commit_callbacks)
    assert post.status == PostStatus.POSTED

    oauth = networks.calls_to("/v4/oa/access_token")
    assert len(oauth) == 1
    assert oauth[0].form == {
        "refresh_token": ZALO_REFRESH,
        "app_id": ZALO_APP_ID,
        "grant_type": "refresh_token",
    }
    assert oauth[0].headers["secret_key"] == ZALO_APP_SECRET
    channel = Channel.objects.get()
    assert channel.token().startswith("zalo-access-")
    assert channel.refresh_token().startswith("zalo-refresh-")  # the new one, kept
    assert channel.token_expires_at > timezone.now() + timedelta(hours=24)
    used = networks.calls_to("/article/create")[0].headers["access_token"]
    assert used == channel.token()


def test_refused_token_is_renewed_once_and_the_call_repeated(
    province, networks, superuser, django_capture_on_commit_callbacks
):
    _renewable(province, expires_at=timezone.now() + timedelta(hours=20))  # revoked early
    post = _publish(province, superuser, django_capture_on_commit_callbacks)
    assert post.status == PostStatus.POSTED
    creates = networks.calls_to("/article/create")
    assert [c.headers["access_token"] for c in creates][0] == "zalo-expired-token"
    assert len(creates) == 2 and len(networks.calls_to("/v4/oa/access_token")) == 1


def test_spent_refresh_token_stops_with_a_clear_error(
    province, networks, superuser, django_capture_on_commit_callbacks
):
    _renewable(province)
    networks.zalo_refresh.clear()  # spent elsewhere (another installation, by hand)
    post = _publish(province, superuser, django_capture_on_commit_callbacks)
    assert post.status == PostStatus.FAILED
    assert "refresh token refused" in post.last_error
    assert "has been used" in post.last_error
