from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff sign-in security: lock-outs, second factor, security audit events."""

    name = "accounts"
    verbose_name = _("Tài khoản và đăng nhập")

    def ready(self) -> None:
        from . import signals  # noqa: F401
