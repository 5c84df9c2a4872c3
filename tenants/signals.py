"""Any change to the tree or its domains invalidates the cached resolutions and menus."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Domain, Membership, Tenant
from .resolution import bump_tree_version


@receiver([post_save, post_delete], sender=Tenant)
@receiver([post_save, post_delete], sender=Domain)
def tree_changed(sender, **kwargs) -> None:
    bump_tree_version()


@receiver([post_save, post_delete], sender=Membership)
def membership_changed(sender, instance: Membership, **kwargs) -> None:
    from .access import forget

    forget(instance.user)
