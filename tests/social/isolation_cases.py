"""Social channels and posts in the isolation harness (admin only: nothing public)."""

from social.models import Channel, Network, Post, Wanted
from tests.content.factories import ArticleFactory
from tests.isolation.harness import IsolationCase


def make_channel(tenant, marker):
    channel = Channel(tenant=tenant, network=Network.FACEBOOK, name=marker, account_id=marker)
    channel.set_token(f"token-{marker}")
    channel.save()
    return channel


def make_post(tenant, marker):
    return Post.objects.create(
        tenant=tenant,
        article=ArticleFactory(tenant=tenant, title_vi=marker),
        channel=make_channel(tenant, f"kenh-{marker}"),
        wanted=Wanted.PUBLISH,
    )


CASES = [
    IsolationCase(name="social-channel", make=make_channel, admin_model=Channel),
    IsolationCase(name="social-post", make=make_post, admin_model=Post),
]
