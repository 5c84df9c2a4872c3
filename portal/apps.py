from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import sitemaps
        from .models import CalendarDay
        from .publishing import item_published, item_unpublished
        from .workdays import forget_calendar

        def calendar_changed(sender, instance: CalendarDay, **kwargs) -> None:
            forget_calendar(instance.date.year)

        post_save.connect(calendar_changed, sender=CalendarDay, weak=False)
        post_delete.connect(calendar_changed, sender=CalendarDay, weak=False)
        # Cached sitemaps of a tenant go stale when one of its items goes on or off line.
        item_published.connect(sitemaps.publication_changed, weak=False)
        item_unpublished.connect(sitemaps.publication_changed, weak=False)
        # What invalidates cached pages: every app's caching.py declarations.
        from .cache_dependencies import connect

        connect()
        # Version counters are read once a request (portal/versions.py).
        from django.core.signals import request_finished, request_started

        from . import request_cache, versions

        request_started.connect(versions.start_request, dispatch_uid="versions-memo-start")
        request_finished.connect(versions.end_request, dispatch_uid="versions-memo-end")
        # ...and the keys every page reads in one round trip (portal/request_cache.py).
        request_started.connect(request_cache.start_request, dispatch_uid="page-keys-start")
        request_finished.connect(request_cache.end_request, dispatch_uid="page-keys-end")
