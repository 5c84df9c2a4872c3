"""Publishing an article to the site's Facebook Page and Zalo OA, against local stubs of
both APIs: what is sent, the recorded status and remote id, retries with backoff after
a rate limit or a server error, withdrawal, and what stops the retries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal import publishing as workflow
from social import publishing
from social.models import Post, PostStatus, Wanted
from tests.content.factories import ArticleFactory, CategoryFactory, ImageFactory
from tests.social.stubs import FB_RATE_LIMIT, SERVER_ERROR, ZALO_RATE_LIMIT, fb_error


@pytest.fixture
def article(province):
    return ArticleFactory(
        tenant=province,
        status=workflow.PublicationStatus.PENDING,
        title_vi="Khai mạc Lễ hội Điện Hòn Chén",
        summary_vi="Lễ hội diễn ra từ ngày 5 đến 7 tháng 3.",
        cover=ImageFactory(tenant=province),
        share_social=True,
        published_at=None,
    )


def _publish(article, user, capture):
    with capture(execute=True):
        workflow.publish(article, by=user)


def _archive(article, user, capture):
    with capture(execute=True):
        workflow.archive(article, by=user)


def _posts():
    return {post.channel.network: post for post in Post.objects.select_related("channel")}


def test_published_article_is_posted_to_facebook_and_zalo(
    article, channels, networks, superuser, django_capture_on_commit_callbacks
):
    _publish(article, superuser, django_capture_on_commit_callbacks)

    feed = networks.calls_to("/112233445566/feed")
    assert len(feed) == 1
    sent = feed[0].form
    assert (
        sent["message"]
        == "Khai mạc Lễ hội Điện Hòn Chén\n\nLễ hội diễn ra từ ngày 5 đến 7 tháng 3."
    )
    assert sent["link"] == f"https://portal.test{article.get_absolute_url()}"
    assert "access_token" not in feed[0].path  # the token travels in the body only

    create = networks.calls_to("/article/create")[0].json
    assert create["title"] == "Khai mạc Lễ hội Điện Hòn Chén"
    assert create["description"] == "Lễ hội diễn ra từ ngày 5 đến 7 tháng 3."
    assert create["cover"]["photo_url"].startswith("https://portal.test/media/")
    assert any(article.get_absolute_url() in p.get("content", "") for p in create["body"])
    assert len(networks.calls_to("/article/verify")) == 1

    posts = _posts()
    assert posts["facebook"].status == PostStatus.POSTED
    assert posts["facebook"].remote_id.startswith("112233445566_")
    assert posts["zalo"].status == PostStatus.POSTED
    assert posts["zalo"].remote_id.startswith("art")
    assert posts["facebook"].get_status_display() == "Đã đăng"

    # Publishing again (an edit re-published) posts nothing twice.
    _archive(article, superuser, django_capture_on_commit_callbacks)
    networks.calls.clear()
    Post.objects.all().delete()
    _publish(article, superuser, django_capture_on_commit_callbacks)
    before = len(networks.calls)
    publishing.article_published(article)
    assert len(networks.calls) == before


def test_failed_then_retried_with_backoff(
    article, channels, networks, superuser, django_capture_on_commit_callbacks
):
    networks.answer_next("/feed", FB_RATE_LIMIT)
    networks.answer_next("/article/create", SERVER_ERROR)
    started = timezone.now()
    _publish(article, superuser, django_capture_on_commit_callbacks)

    posts = _posts()
    for post in posts.values():
        assert post.status == PostStatus.RETRYING
        assert post.get_status_display() == "Lỗi – sẽ thử lại"
        assert post.attempts == 1 and post.remote_id == ""
    assert "code 32" in posts["facebook"].last_error
    # The Page's rate limit is honoured: no new try for a quarter of an hour.
    assert posts["facebook"].next_attempt_at >= started + timedelta(minutes=15)
    assert posts["zalo"].next_attempt_at >= started + timedelta(seconds=60)

    assert publishing.send_due(started + timedelta(seconds=30)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert publishing.send_due(started + timedelta(minutes=16)) == 2
    posts = _posts()
    assert {p.status for p in posts.values()} == {PostStatus.POSTED}
    assert posts["facebook"].attempts == 2
    assert len(networks.calls_to("/feed")) == 2
    assert len(networks.calls_to("/article/create")) == 2


def test_zalo_rate_limit_after_create_verifies_without_creating_twice(
    article, channels, networks, superuser, django_capture_on_commit_callbacks
):
    networks.answer_next("/article/verify", ZALO_RATE_LIMIT)
    _publish(article, superuser, django_capture_on_commit_callbacks)
    zalo = _posts()["zalo"]
    assert zalo.status == PostStatus.RETRYING and "-32" in zalo.last_error

    publishing.deliver(zalo.pk)
    zalo.refresh_from_db()
    assert zalo.status == PostStatus.POSTED
    assert len(networks.calls_to("/article/create")) == 1
    assert len(networks.calls_to("/article/verify")) == 2


def test_withdrawn_article_is_removed_from_both_networks(
    article, channels, networks, superuser, django_capture_on_commit_callbacks
):
    _publish(article, superuser, django_capture_on_commit_callbacks)
    remote = {network: post.remote_id for network, post in _posts().items()}
    _archive(article, superuser, django_capture_on_commit_callbacks)

    deleted = networks.calls_to(f"/{remote['facebook']}")
    assert [call.method for call in deleted] == ["DELETE"]
    assert networks.calls_to("/article/remove")[0].json == {"id": remote["zalo"]}
    posts = _posts()
    for post in posts.values():
        assert (post.wanted, post.status) == (Wanted.WITHDRAW, PostStatus.WITHDRAWN)
        assert post.get_status_display() == "Đã gỡ"
    assert networks.fb_posts == {} and networks.zalo_articles == {}


def test_withdrawing_a_post_already_deleted_on_facebook_counts_as_withdrawn(
    article, channels, networks, superuser, django_capture_on_commit_callbacks
):
    _publish(article, superuser, django_capture_on_commit_callbacks)
    networks.fb_posts.clear()  # someone deleted it by hand on Facebook
    _archive(article, superuser, django_capture_on_commit_callbacks)
    assert _posts()["facebook"].status == PostStatus.WITHDRAWN


def test_withdrawing_before_the_post_went_out_stops_it(
    article, channels, networks, superuser, django_capture_on_commit_callbacks
):
    networks.answer_next("/feed", SERVER_ERROR)
    networks.answer_next("/article/create", SERVER_ERROR)
    _publish(article, superuser, django_capture_on_commit_callbacks)
    _archive(article, superuser, django_capture_on_commit_callbacks)
    assert {p.status for p in _posts().values()} == {PostStatus.WITHDRAWN}
    assert publishing.send_due(timezone.now() + timedelta(days=1)) == 0


def test_bad_token_stops_retrying_until_staff_retry(
    article, channels, networks, superuser, django_capture_on_commit_callbacks
):
    facebook = channels["facebook"]
    facebook.set_token("expired-token")
    facebook.save()
    _publish(article, superuser, django_capture_on_commit_callbacks)
    post = _posts()["facebook"]
    assert post.status == PostStatus.FAILED and post.next_attempt_at is None
    assert "code 190" in post.last_error
    assert publishing.send_due(timezone.now() + timedelta(days=1)) == 0

    from tests.social.stubs import FB_TOKEN

    facebook.set_token(FB_TOKEN)
    facebook.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert publishing.retry_now(Post.objects.filter(pk=post.pk)) == 1
    post.refresh_from_db()
    assert post.status == PostStatus.POSTED


def test_invalid_content_is_not_retried_but_rate_limits_are(networks, settings):
    from social.networks import facebook

    assert {4, 17, 32, 613} <= facebook.RATE_LIMIT_CODES
    assert publishing.backoff(1) == timedelta(minutes=1)
    assert publishing.backoff(3) == timedelta(minutes=4)
    assert publishing.backoff(30) == timedelta(hours=6)


def test_gives_up_after_the_last_attempt(
    article, channels, networks, superuser, settings, django_capture_on_commit_callbacks
):
    settings.SOCIAL_MAX_ATTEMPTS = 2
    for _ in range(2):
        networks.answer_next("/feed", fb_error(2, "An unexpected error has occurred", 500))
    _publish(article, superuser, django_capture_on_commit_callbacks)
    post = _posts()["facebook"]
    assert post.status == PostStatus.RETRYING
    publishing.deliver(post.pk)
    post.refresh_from_db()
    assert (post.status, post.attempts) == (PostStatus.FAILED, 2)


def test_only_ticked_articles_or_category_defaults_go_out(
    province, channels, networks, superuser, django_capture_on_commit_callbacks
):
    shared = CategoryFactory(tenant=province, share_social=True)
    quiet = CategoryFactory(tenant=province, share_social=False)
    cases = {
        "theo chuyên mục có": (shared, None, True),
        "theo chuyên mục không": (quiet, None, False),
        "bỏ tích": (shared, False, False),
        "tích": (quiet, True, True),
    }
    for title, (category, tick, expected) in cases.items():
        item = ArticleFactory(
            tenant=province,
            category=category,
            title_vi=title,
            share_social=tick,
            status=workflow.PublicationStatus.PENDING,
            published_at=None,
        )
        _publish(item, superuser, django_capture_on_commit_callbacks)
        assert Post.objects.filter(article=item).exists() is expected, title


def test_zalo_needs_a_cover_photo(
    province, channels, networks, superuser, django_capture_on_commit_callbacks
):
    item = ArticleFactory(
        tenant=province,
        share_social=True,
        cover=None,
        status=workflow.PublicationStatus.PENDING,
        published_at=None,
    )
    _publish(item, superuser, django_capture_on_commit_callbacks)
    zalo = _posts()["zalo"]
    assert zalo.status == PostStatus.FAILED and "cover" in zalo.last_error
    assert _posts()["facebook"].status == PostStatus.POSTED


def test_old_articles_published_now_are_not_posted(
    province, channels, networks, superuser, django_capture_on_commit_callbacks
):
    """An import of a former portal publishes years of news: none of it goes out."""
    item = ArticleFactory(
        tenant=province,
        share_social=True,
        status=workflow.PublicationStatus.PENDING,
        published_at=timezone.now() - timedelta(days=400),
    )
    _publish(item, superuser, django_capture_on_commit_callbacks)
    assert not Post.objects.exists() and networks.calls == []
