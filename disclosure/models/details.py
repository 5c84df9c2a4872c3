"""Typed extensions of a record, one-to-one, only where the data is structured."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .records import BudgetStage, Record


class Extension(models.Model):
    """Typed fields of one record (one-to-one): shown as part of the record."""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class PlanDetails(Extension):
    class Kind(models.TextChoices):
        MASTER_PLAN = "master_plan", _("Quy hoạch")
        LAND_USE = "land_use", _("Quy hoạch, kế hoạch sử dụng đất")
        PROGRAMME = "programme", _("Chương trình, đề án")
        STRATEGY = "strategy", _("Chiến lược")
        ANNUAL_PLAN = "annual_plan", _("Kế hoạch năm")

    record = models.OneToOneField(
        Record, on_delete=models.CASCADE, related_name="plan", verbose_name=_("mục công khai")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("cấp"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("thông tin quy hoạch, kế hoạch")
        verbose_name_plural = verbose_name


class ProjectDetails(Extension):
    record = models.OneToOneField(
        Record, on_delete=models.CASCADE, related_name="project", verbose_name=_("mục công khai")
    )
    code = models.CharField(_("mã dự án"), max_length=40, blank=True)
    capital_source = models.CharField(_("nguồn vốn"), max_length=120)
    total_investment = models.DecimalField(
        _("tổng mức đầu tư (triệu đồng)"),
        max_digits=16,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    disbursed = models.DecimalField(
        _("đã giải ngân (triệu đồng)"),
        max_digits=16,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    progress = models.PositiveSmallIntegerField(
        _("tiến độ (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    investor = models.CharField(_("chủ đầu tư"), max_length=200)

    class Meta:
        verbose_name = _("thông tin dự án")
        verbose_name_plural = verbose_name
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_investment__gte=0, disbursed__gte=0, progress__lte=100),
                name="disclosure_project_sane_figures",
            )
        ]

    def clean(self) -> None:
        if (
            self.total_investment is not None
            and self.disbursed is not None
            and self.disbursed > self.total_investment
        ):
            raise ValidationError(
                {"disbursed": _("Vốn đã giải ngân không được lớn hơn tổng mức đầu tư.")}
            )

    @property
    def disbursement_rate(self) -> float:
        if not self.total_investment:
            return 0.0
        return float(self.disbursed / self.total_investment * 100)


class BudgetDetails(Extension):
    record = models.OneToOneField(
        Record, on_delete=models.CASCADE, related_name="budget", verbose_name=_("mục công khai")
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("năm ngân sách"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    stage = models.CharField(_("giai đoạn"), max_length=12, choices=BudgetStage.choices)
    quarter = models.PositiveSmallIntegerField(
        _("quý"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    approval_date = models.DateField(_("ngày phê duyệt"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông tin ngân sách")
        verbose_name_plural = verbose_name

    def clean(self) -> None:
        if self.stage == BudgetStage.QUARTER and not self.quarter:
            raise ValidationError({"quarter": _("Báo cáo quý phải ghi rõ quý.")})


class DatasetDetails(Extension):
    record = models.OneToOneField(
        Record, on_delete=models.CASCADE, related_name="dataset", verbose_name=_("mục công khai")
    )
    period_label = models.CharField(_("kỳ số liệu"), max_length=80)
    unit = models.CharField(_("đơn vị tính chung"), max_length=40, blank=True)
    source = models.CharField(_("nguồn số liệu"), max_length=200)

    class Meta:
        verbose_name = _("thông tin bộ số liệu")
        verbose_name_plural = verbose_name


class RecruitmentDetails(Extension):
    record = models.OneToOneField(
        Record,
        on_delete=models.CASCADE,
        related_name="recruitment",
        verbose_name=_("mục công khai"),
    )
    positions = models.TextField(_("vị trí tuyển dụng"))
    quota = models.PositiveSmallIntegerField(_("chỉ tiêu"), validators=[MinValueValidator(1)])
    deadline = models.DateField(_("hạn nộp hồ sơ"))
    result = models.TextField(_("kết quả"), blank=True)

    class Meta:
        verbose_name = _("thông tin tuyển dụng")
        verbose_name_plural = verbose_name
