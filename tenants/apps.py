from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Đơn vị và tên miền")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import signals  # noqa: F401
        from .lifecycle import url_history
        from .models import Domain, FormerName, SiteOperation, Tenant, TenantOwned

        # Every tenant-owned model of every app is audit-logged, without each app
        # having to remember it; apps may register first with their own options.
        # Site lifecycle operations and former names are part of the trail too.
        always = (Tenant, Domain, SiteOperation, FormerName)
        for model in (*always, *apps.get_models()):
            if (model in always or issubclass(model, TenantOwned)) and not (
                auditlog.contains(model)
            ):
                auditlog.register(model)
        url_history.connect()
