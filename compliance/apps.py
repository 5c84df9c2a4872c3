from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Đánh giá tuân thủ")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from portal.page_cache import page_served_from_cache

        from . import visit_batch
        from .models import MeasurementRun, VisitDaily

        page_served_from_cache.connect(visit_batch.page_served, dispatch_uid="visit-batch")

        # Machine-written records (a run per site a day, visit counters) would drown the
        # audit trail; API consumers and export jobs stay audited (who exported what).
        for model in (MeasurementRun, VisitDaily):
            if auditlog.contains(model):
                auditlog.unregister(model)
