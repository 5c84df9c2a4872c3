"""Channel credentials: stored encrypted, written but never shown, and only the site
administrator sees or edits them; the outbox of posts with its statuses in the admin."""

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from social import crypto
from social.models import Channel, Network, Post, PostStatus, Wanted
from tests.content.factories import ArticleFactory
from tests.social.conftest import make_channel
from tests.social.stubs import FB_TOKEN

ADD = "/admin/social/channel/add/"


def test_token_is_stored_encrypted(province, settings):
    channel = make_channel(province, Network.FACEBOOK, FB_TOKEN)
    with connection.cursor() as cursor:
        cursor.execute("SELECT token_encrypted FROM social_channel WHERE id = %s", [channel.pk])
        stored = cursor.fetchone()[0]
    assert FB_TOKEN not in stored
    assert Channel.objects.get().token() == FB_TOKEN

    # The province sets its own key: what was stored with the derived key still reads,
    # and a re-save encrypts with the new key; rotating keeps the old key after the new.
    first = Fernet.generate_key().decode()
    settings.SOCIAL_CREDENTIALS_KEYS = first
    channel = Channel.objects.get()
    assert channel.token() == FB_TOKEN
    channel.set_token(channel.token())
    settings.SOCIAL_CREDENTIALS_KEYS = Fernet.generate_key().decode() + "," + first
    assert channel.token() == FB_TOKEN

    # Key dropped (or SECRET_KEY changed): a clear error, shown on the posts as a failure.
    settings.SOCIAL_CREDENTIALS_KEYS = Fernet.generate_key().decode()
    with pytest.raises(crypto.CredentialError, match="SOCIAL_CREDENTIALS_KEYS"):
        channel.token()


def test_site_admin_adds_a_channel_and_never_sees_the_token_again(
    commune, commune_site_admin, site_client
):
    admin = site_client(commune, commune_site_admin)
    data = {
        "tenant": commune.pk,
        "network": Network.FACEBOOK,
        "name": "Trang tỉnh",
        "account_id": "998877",
        "is_active": "on",
    }
    missing = admin.post(ADD, data)
    assert missing.status_code == 200
    assert "Vui lòng nhập mã truy cập" in missing.content.decode()

    assert admin.post(ADD, {**data, "token": FB_TOKEN}).status_code == 302
    channel = Channel.objects.get()
    assert channel.token() == FB_TOKEN
    page = admin.get(f"/admin/social/channel/{channel.pk}/change/").content.decode()
    assert FB_TOKEN not in page and channel.token_encrypted not in page

    # Saving without a token keeps the one in use.
    admin.post(f"/admin/social/channel/{channel.pk}/change/", {**data, "name": "Trang mới"})
    channel.refresh_from_db()
    assert (channel.name, channel.token()) == ("Trang mới", FB_TOKEN)


def test_editors_approvers_and_other_sites_cannot_see_channels(
    commune, other_commune, commune_editor, commune_approver, commune_site_admin, site_client
):
    channel = make_channel(commune, Network.FACEBOOK, FB_TOKEN)
    for user in (commune_editor, commune_approver):
        client = site_client(commune, user)
        assert client.get("/admin/social/channel/").status_code == 403
        assert client.get(f"/admin/social/channel/{channel.pk}/change/").status_code in (403, 302)
        assert client.post(ADD, {"tenant": commune.pk}).status_code == 403
    elsewhere = make_channel(other_commune, Network.ZALO, "other-token")
    admin = site_client(commune, commune_site_admin)
    assert "other-token" not in admin.get("/admin/social/channel/").content.decode()
    assert admin.get(f"/admin/social/channel/{elsewhere.pk}/change/").status_code in (403, 302)


def test_outbox_statuses_are_listed_for_staff(province, superuser, site_client):
    channel = make_channel(province, Network.FACEBOOK, FB_TOKEN)
    for status in (
        PostStatus.PENDING,
        PostStatus.POSTED,
        PostStatus.RETRYING,
        PostStatus.WITHDRAWN,
    ):
        Post.objects.create(
            tenant=province,
            article=ArticleFactory(tenant=province),
            channel=channel,
            wanted=Wanted.PUBLISH,
            status=status,
            last_error="Facebook 400, code 32: (#32) Page request limit reached"
            if status == PostStatus.RETRYING
            else "",
        )
    page = site_client(province, superuser).get("/admin/social/post/").content.decode()
    for label in ("Chờ gửi", "Đã đăng", "Lỗi – sẽ thử lại", "Đã gỡ", "Page request limit"):
        assert label in page


def test_the_article_page_shows_where_it_was_posted(province, superuser, site_client):
    channel = make_channel(province, Network.ZALO, "token", name="Zalo của tỉnh")
    article = ArticleFactory(tenant=province)
    Post.objects.create(
        tenant=province,
        article=article,
        channel=channel,
        wanted=Wanted.PUBLISH,
        status=PostStatus.POSTED,
        remote_id="art5551",
    )
    page = site_client(province, superuser).get(f"/admin/content/article/{article.pk}/change/")
    text = page.content.decode()
    assert "Zalo của tỉnh" in text and "art5551" in text and "Đã đăng" in text


def test_a_zalo_channel_can_be_set_up_with_its_refresh_token_only(
    commune, commune_site_admin, site_client
):
    admin = site_client(commune, commune_site_admin)
    data = {
        "tenant": commune.pk,
        "network": Network.ZALO,
        "name": "Zalo của xã",
        "account_id": "oa-1",
        "app_id": "4433221100",
        "is_active": "on",
    }
    refused = admin.post(ADD, {**data, "app_secret": "s3cret"})
    assert "Vui lòng nhập mã truy cập" in refused.content.decode()
    assert (
        admin.post(ADD, {**data, "app_secret": "s3cret", "refresh_token": "r3fresh"}).status_code
        == 302
    )
    channel = Channel.objects.get()
    assert (channel.app_secret(), channel.refresh_token(), channel.token()) == (
        "s3cret",
        "r3fresh",
        "",
    )
    page = admin.get(f"/admin/social/channel/{channel.pk}/change/").content.decode()
    assert "s3cret" not in page and "r3fresh" not in page
