"""Social publishing rules: which articles go out, the outbox rows that say so, and
delivering one row through its network's adapter with retries and backoff.

An article published with "Đăng lên trang mạng xã hội" (or in a category whose default
is on) gets one `Post` per active channel of its site, delivered by a Celery task after
the commit. Unpublished, archived or trashed, the posts are withdrawn where they were
posted. A failure is kept on the row (status "Lỗi – sẽ thử lại", next attempt after an
exponential backoff, or when the network's rate limit says); `send_due` — every minute
from Celery beat — sends what is due, so nothing depends on the broker keeping a retry.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from content.models import Article
from operations import outbox
from tenants.site import primary_hostnames

from .crypto import CredentialError
from .models import Channel, Post, PostStatus, Wanted
from .networks import Message, NetworkError, adapter_for

logger = logging.getLogger(__name__)

BACKOFF_FIRST = 60  # seconds; doubled after every failure
BACKOFF_MAX = 6 * 3600


def should_share(article: Article, now: datetime | None = None) -> bool:
    """Ticked, or following a category that shares by default — and fresh: an old item
    published now (an import of a former portal, a restored archive) is not news."""
    oldest = (now or timezone.now()) - timedelta(days=settings.SOCIAL_MAX_AGE_DAYS)
    if article.published_at and article.published_at < oldest:
        return False
    if article.share_social is not None:
        return article.share_social
    return bool(article.category.share_social)


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX))


def _enqueue(post_ids: list[int]) -> None:
    from .tasks import deliver

    for post_id in post_ids:
        outbox.enqueue_on_commit(deliver, post_id)


def article_published(article: Article) -> list[Post]:
    """Queue the article for every active channel of its site (once per channel)."""
    if not should_share(article):
        return []
    now = timezone.now()
    posts = []
    with transaction.atomic():
        channels = Channel.objects.filter(tenant_id=article.tenant_id, is_active=True)
        for channel in channels:
            post, created = Post.objects.select_for_update().get_or_create(
                article=article,
                channel=channel,
                defaults={"tenant_id": article.tenant_id, "wanted": Wanted.PUBLISH},
            )
            if not created and post.wanted == Wanted.PUBLISH:
                continue  # already there or on its way: republishing posts nothing twice
            post.wanted, post.remote_id = Wanted.PUBLISH, ""  # republished: a new post
            post.status, post.attempts, post.last_error = PostStatus.PENDING, 0, ""
            post.next_attempt_at = now
            post.save()
            posts.append(post)
        _enqueue([post.pk for post in posts])
    return posts


def article_withdrawn(article: Article) -> list[Post]:
    """Remove the article from every network it was posted to."""
    now = timezone.now()
    posts = []
    with transaction.atomic():
        for post in Post.objects.select_for_update().filter(article=article, wanted=Wanted.PUBLISH):
            post.wanted = Wanted.WITHDRAW
            post.attempts, post.last_error = 0, ""
            if post.remote_id or post.pending_token:
                post.status, post.next_attempt_at = PostStatus.PENDING, now
                posts.append(post)
            else:  # never reached the network: nothing to remove, stop trying
                post.status, post.next_attempt_at, post.withdrawn_at = (
                    PostStatus.WITHDRAWN,
                    None,
                    now,
                )
            post.save()
        _enqueue([post.pk for post in posts])
    return posts


def message_for(article: Article) -> Message:
    """Title, summary, link and cover image, as the public sees them (Vietnamese)."""
    host = primary_hostnames([article.tenant_id]).get(article.tenant_id, "")
    origin = f"{settings.SOCIAL_LINK_SCHEME}://{host}"
    with translation.override(settings.LANGUAGE_CODE):
        link = origin + article.get_absolute_url()
    image = ""
    if article.cover_id and article.cover.file:
        url = article.cover.file.url
        image = url if url.startswith(("http://", "https://")) else origin + url
    return Message(
        title=article.title_vi or article.title,
        summary=(article.summary_vi or article.summary or "").strip(),
        link=link,
        image_url=image,
        author=article.tenant.name_vi or str(article.tenant),
    )


def deliver(post_id: int, now: datetime | None = None) -> str | None:
    """Bring one post to what is wanted; returns the new status (None: nothing to do).

    The row is locked for the call (skip_locked: a second worker leaves it alone), so a
    post is never sent twice at once.
    """
    with transaction.atomic():
        post = (
            Post.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("channel", "article__tenant", "article__cover", "article__category")
            .filter(pk=post_id)
            .first()
        )
        if post is None or post.status in (PostStatus.POSTED, PostStatus.WITHDRAWN):
            return None
        if post.status == PostStatus.FAILED and post.next_attempt_at is None:
            return None  # stopped: waits for staff ("Thử lại ngay")
        adapter = adapter_for(post.channel.network)
        try:
            if post.wanted == Wanted.PUBLISH:
                post.remote_id = adapter.publish(post.channel, message_for(post.article), post)
                post.status, post.posted_at = PostStatus.POSTED, timezone.now()
            else:
                if not post.remote_id and post.pending_token:
                    # created on Zalo but not verified yet: learn its id to remove it
                    post.remote_id = adapter.publish(post.channel, message_for(post.article), post)
                if post.remote_id:
                    adapter.withdraw(post.channel, post.remote_id)
                post.status, post.withdrawn_at = PostStatus.WITHDRAWN, timezone.now()
            post.pending_token, post.last_error, post.next_attempt_at = "", "", None
            post.attempts += 1
        except (NetworkError, CredentialError) as error:
            _failed(post, error, now or timezone.now())
        post.save()
        logger.info("social post %s: %s", post.pk, post.status)  # never the token
        return post.status


def _failed(post: Post, error: Exception, now: datetime) -> None:
    post.attempts += 1
    post.last_error = str(error)[:1000]
    permanent = isinstance(error, CredentialError) or getattr(error, "permanent", False)
    if permanent or post.attempts >= settings.SOCIAL_MAX_ATTEMPTS:
        post.status, post.next_attempt_at = PostStatus.FAILED, None
        return
    wait = backoff(post.attempts)
    retry_after = getattr(error, "retry_after", None)
    if retry_after:
        wait = max(wait, timedelta(seconds=retry_after))
    post.status, post.next_attempt_at = PostStatus.RETRYING, now + wait


def send_due(now: datetime | None = None) -> int:
    """Queue every post whose next attempt is due (beat, every minute)."""
    now = now or timezone.now()
    due = list(
        Post.objects.filter(
            status__in=(PostStatus.PENDING, PostStatus.RETRYING), next_attempt_at__lte=now
        ).values_list("pk", flat=True)[:500]
    )
    _enqueue(due)
    return len(due)


def retry_now(posts) -> int:
    """Staff's "Thử lại ngay": failed or waiting posts are tried again at once."""
    ids = list(
        posts.exclude(status__in=(PostStatus.POSTED, PostStatus.WITHDRAWN)).values_list(
            "pk", flat=True
        )
    )
    Post.objects.filter(pk__in=ids).update(
        status=PostStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    _enqueue(ids)
    return len(ids)
