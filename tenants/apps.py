from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = _("Đơn vị và tên miền")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import signals  # noqa: F401
        from .models import Domain, Tenant, TenantOwned

        # Every tenant-owned model of every app is audit-logged, without each app
        # having to remember it; apps may register first with their own options.
        for model in (Tenant, Domain, *apps.get_models()):
            if (model in (Tenant, Domain) or issubclass(model, TenantOwned)) and not (
                auditlog.contains(model)
            ):
                auditlog.register(model)
