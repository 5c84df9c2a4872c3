from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "dialogue"
    verbose_name = _("Tương tác")

    def ready(self) -> None:
        from . import signals  # noqa: F401
