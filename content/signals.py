"""Side effects of content changes: cache versions, revisions, image renditions."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from operations import outbox
from portal.publishing import item_published, item_unpublished

from . import caching, revisions
from .models import Alert, Article, ArticleAttachment, Banner, Category, Image, Link, SiteHero


def _bump_with_parent(tenant) -> None:
    caching.bump_on_change(tenant.pk, tenant.parent_id)


@receiver(item_published, sender=Article)
@receiver(item_unpublished, sender=Article)
def article_visibility_changed(sender, instance: Article, **kwargs) -> None:
    _bump_with_parent(instance.tenant)


@receiver(post_save, sender=Article)
def article_saved(sender, instance: Article, raw=False, **kwargs) -> None:
    if raw:
        return
    revisions.record(instance)
    _bump_with_parent(instance.tenant)  # a save may hide or show it: lists are rebuilt


@receiver(post_save, sender=ArticleAttachment)
@receiver(post_delete, sender=ArticleAttachment)
def attachment_changed(sender, instance: ArticleAttachment, raw=False, **kwargs) -> None:
    if not raw:  # the cached article body lists its attachments
        _bump_with_parent(instance.article.tenant)


@receiver(m2m_changed, sender=Article.related.through)
def related_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, Article):
        _bump_with_parent(instance.tenant)


@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
@receiver(post_save, sender=Link)
@receiver(post_delete, sender=Link)
@receiver(post_save, sender=Banner)
@receiver(post_delete, sender=Banner)
@receiver(post_save, sender=Alert)
@receiver(post_delete, sender=Alert)
@receiver(post_save, sender=SiteHero)
@receiver(post_delete, sender=SiteHero)
def site_block_changed(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        caching.bump_on_change(instance.tenant_id)


@receiver(post_save, sender=Image)
def image_saved(sender, instance: Image, created: bool, raw=False, **kwargs) -> None:
    if raw:
        return
    if not created:  # new alt text or caption: cached cards and article bodies show it
        caching.bump_on_change(instance.tenant_id)
    if not instance.file or (instance.renditions and not created):
        return
    from .tasks import make_image_renditions

    image_id = instance.pk
    outbox.enqueue_on_commit(make_image_renditions, image_id)
