"""URL history of every public object: when a save changes an item's URL (its slug, its
site), the old URL answers 301 to the new one on every hostname of the old site; when an
item is deleted, its URL answers 410. (The trash is restorable: a trashed item answers
404 until it is restored or deleted for good.)

Connected in TenantsConfig.ready() for every model whose MoveRule names a `url`. Bulk
updates (a merge) bypass it and record their own redirects. The rows are consulted only
when a request finds nothing, so an item that comes back is served as usual.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save

from tenants.models_redirects import RedirectReason
from tenants.redirects import RedirectError, record_gone, record_redirect

from .context import hostnames_of
from .rules import all_rules

_OLD = "_lifecycle_old_address"


def connect() -> None:
    for rule in all_rules().values():
        if rule.url is None:
            continue
        uid = f"lifecycle-url-history-{rule.label}"
        pre_save.connect(_remember, sender=rule.model, dispatch_uid=f"{uid}-pre", weak=False)
        post_save.connect(_compare, sender=rule.model, dispatch_uid=f"{uid}-post", weak=False)
        post_delete.connect(_gone, sender=rule.model, dispatch_uid=f"{uid}-delete", weak=False)


def _url(instance) -> str:
    return all_rules()[instance._meta.label].url(instance)


def _was_public(instance) -> bool:
    """Items with a workflow had a public URL only once published."""
    if hasattr(instance, "published_at"):
        return instance.published_at is not None
    if hasattr(instance, "is_published"):
        return bool(instance.is_published)
    return True


def _remember(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).select_related(None).first()
    if old is not None and _was_public(old) and getattr(old, "deleted_at", None) is None:
        setattr(instance, _OLD, (old.tenant_id, _url(old)))


def _compare(sender, instance, created=False, raw=False, **kwargs) -> None:
    old = instance.__dict__.pop(_OLD, None)
    if raw or created or old is None:
        return
    old_tenant_id, old_path = old
    if getattr(instance, "deleted_at", None) is not None:
        return
    new_path = _url(instance)
    if (old_tenant_id, old_path) == (instance.tenant_id, new_path):
        return
    from tenants.models import Tenant

    new_hosts = hostnames_of(Tenant(pk=instance.tenant_id))
    for host in hostnames_of(Tenant(pk=old_tenant_id)):
        try:
            record_redirect(
                hostname=host,
                path=old_path,
                target_host=new_hosts[0] if new_hosts else host,
                target_path=new_path,
                reason=RedirectReason.SLUG_CHANGE,
                tenant=Tenant(pk=instance.tenant_id),
            )
        except RedirectError:
            continue


def _gone(sender, instance, **kwargs) -> None:
    if _was_public(instance):
        _record_gone(instance.tenant_id, _url(instance))


def _record_gone(tenant_id: int, path: str) -> None:
    from tenants.models import Tenant

    for host in hostnames_of(Tenant(pk=tenant_id)):
        record_gone(
            hostname=host, path=path, reason=RedirectReason.DELETED, tenant=Tenant(pk=tenant_id)
        )
