import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()


def _tune_garbage_collector() -> None:
    from django.conf import settings

    from portal import gc_tuning

    gc_tuning.tune(settings.SERVER_GC_THRESHOLDS)


_tune_garbage_collector()
