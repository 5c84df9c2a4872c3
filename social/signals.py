"""Publishing an article queues its social posts; unpublishing withdraws them. Both
signals are sent after the commit (portal.publishing)."""

from django.dispatch import receiver

from content.models import Article
from portal.publishing import item_published, item_unpublished

from . import publishing


@receiver(item_published, sender=Article)
def article_published(sender, instance: Article, **kwargs) -> None:
    publishing.article_published(instance)


@receiver(item_unpublished, sender=Article)
def article_unpublished(sender, instance: Article, **kwargs) -> None:
    publishing.article_withdrawn(instance)
