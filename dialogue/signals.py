"""Cache upkeep: the footer's main hotline is cached per tenant."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Hotline
from .sections import forget_main_hotline


@receiver([post_save, post_delete], sender=Hotline)
def hotline_changed(sender, instance: Hotline, **kwargs) -> None:
    forget_main_hotline(instance.tenant_id)
