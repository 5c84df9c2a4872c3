from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Đánh giá tuân thủ")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import MeasurementRun, VisitDaily

        # Machine-written records (a run per site a day, visit counters) would drown the
        # audit trail; API consumers and export jobs stay audited (who exported what).
        for model in (MeasurementRun, VisitDaily):
            if auditlog.contains(model):
                auditlog.unregister(model)
