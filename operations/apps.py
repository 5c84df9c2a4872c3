from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = _("Vận hành")

    def ready(self) -> None:
        from . import downtime
        from .models import DowntimeNotice

        # Pages read the notices from the cache: a change refills it at once.
        post_save.connect(downtime.refresh, sender=DowntimeNotice, dispatch_uid="downtime-save")
        post_delete.connect(downtime.refresh, sender=DowntimeNotice, dispatch_uid="downtime-del")
