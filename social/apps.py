from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialConfig(AppConfig):
    name = "social"
    verbose_name = _("Mạng xã hội")

    def ready(self) -> None:
        from . import signals  # noqa: F401
