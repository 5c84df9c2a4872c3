"""Keep the index current: publication signals, saves and deletes of registered models."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from portal.publishing import item_published, item_unpublished

from .indexing import request_reindex


def _on_publication(sender, instance, **kwargs) -> None:
    request_reindex(instance)


def _on_save_or_delete(sender, instance, raw=False, **kwargs) -> None:
    # request_reindex ignores models that no search source registers.
    if not raw:
        request_reindex(instance)


def connect() -> None:
    item_published.connect(_on_publication, dispatch_uid="search_published")
    item_unpublished.connect(_on_publication, dispatch_uid="search_unpublished")
    post_save.connect(_on_save_or_delete, dispatch_uid="search_post_save")
    post_delete.connect(_on_save_or_delete, dispatch_uid="search_post_delete")
