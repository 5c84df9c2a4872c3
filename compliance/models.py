"""Indicator catalogue, measurement runs and their results, visit counts, API consumers and
export jobs."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import Tenant, TenantKind, TenantOwned


class Axis(models.TextChoices):
    A = "a", _("(a) Đầy đủ, kịp thời thông tin")
    B = "b", _("(b) Truy cập, điều hướng, hiệu năng")
    C = "c", _("(c) Mức độ sử dụng")


class CheckStatus(models.TextChoices):
    PASS = "pass", _("Đạt")
    PARTIAL = "partial", _("Đạt một phần")
    FAIL = "fail", _("Không đạt")
    NOT_APPLICABLE = "na", _("Không áp dụng")
    NOT_MEASURED = "not_measured", _("Chưa đo được")


# Points per status; "not applicable" and "not measured" are left out of the average,
# so a check that cannot run never counts as a pass.
STATUS_POINTS = {CheckStatus.PASS: 1.0, CheckStatus.PARTIAL: 0.5, CheckStatus.FAIL: 0.0}


def all_kinds() -> list[str]:
    return [kind for kind, _label in TenantKind.choices if kind != TenantKind.DISTRICT]


class Indicator(models.Model):
    """One line of a catalogue. `tenant` is the province that owns the catalogue (its
    whole tree is measured with it); rows without a tenant are the platform's default
    catalogue, copied to a province the first time it is measured."""

    tenant = models.ForeignKey(
        Tenant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tỉnh sở hữu danh mục"),
        help_text=_("Để trống: danh mục mặc định của nền tảng."),
    )
    code = models.CharField(_("mã chỉ số"), max_length=20)
    name = models.CharField(_("tên chỉ số"), max_length=255)
    axis = models.CharField(_("trục"), max_length=1, choices=Axis.choices)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)
    requirement = models.CharField(
        _("yêu cầu (mục)"), max_length=20, blank=True, help_text=_("Ví dụ: B8, C, A5.")
    )
    # A list of TenantKind values (JSON, so the embedded SQLite demo works too).
    applies_to = models.JSONField(_("áp dụng cho loại đơn vị"), default=all_kinds)
    weight = models.DecimalField(_("trọng số"), max_digits=5, decimal_places=2, default=1)
    threshold_pass = models.FloatField(
        _("ngưỡng đạt"),
        null=True,
        blank=True,
        help_text=_("Ý nghĩa tùy chỉ số (ví dụ: giây phản hồi, tỉ lệ %, số ngày)."),
    )
    threshold_partial = models.FloatField(_("ngưỡng đạt một phần"), null=True, blank=True)
    check_key = models.CharField(_("hàm kiểm tra"), max_length=60)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    fix_hint = models.CharField(_("cách khắc phục"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ số đánh giá")
        verbose_name_plural = _("danh mục chỉ số đánh giá")
        ordering = ["axis", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "code"], name="unique_indicator_code"),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(tenant__isnull=True),
                name="unique_default_indicator_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def clean(self) -> None:
        from .checks import REGISTRY

        if self.check_key and self.check_key not in REGISTRY:
            raise ValidationError({"check_key": _("Không có hàm kiểm tra với khóa này.")})
        if self.tenant_id and self.tenant.parent_id is not None:
            raise ValidationError({"tenant": _("Danh mục chỉ số thuộc về cấp tỉnh (gốc cây).")})


class MeasurementRun(TenantOwned):
    """One measurement of one site; kept as history."""

    class State(models.TextChoices):
        RUNNING = "running", _("Đang đo")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    started_at = models.DateTimeField(_("bắt đầu"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.RUNNING
    )
    score_a = models.FloatField(_("điểm trục a"), null=True, blank=True)
    score_b = models.FloatField(_("điểm trục b"), null=True, blank=True)
    score_c = models.FloatField(_("điểm trục c"), null=True, blank=True)
    score = models.FloatField(_("điểm tổng"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("thời gian đo (ms)"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người yêu cầu"),
    )

    class Meta:
        verbose_name = _("lượt đo")
        verbose_name_plural = _("lượt đo (lịch sử)")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["tenant", "-started_at"], name="run_tenant_started")]

    def __str__(self) -> str:
        return f"{self.tenant} — {self.started_at:%d/%m/%Y %H:%M}"


class IndicatorResult(models.Model):
    """The result of one indicator in one run, with its evidence. Name, axis, legal basis
    and weight are copied so that later catalogue edits do not rewrite history."""

    run = models.ForeignKey(
        MeasurementRun, on_delete=models.CASCADE, related_name="results", verbose_name=_("lượt đo")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("chỉ số")
    )
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("chỉ số"), max_length=255)
    axis = models.CharField(_("trục"), max_length=1, choices=Axis.choices)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)
    weight = models.FloatField(_("trọng số"))
    status = models.CharField(_("kết quả"), max_length=12, choices=CheckStatus.choices)
    value = models.FloatField(_("giá trị đo"), null=True, blank=True)
    summary = models.CharField(_("tóm tắt"), max_length=500, blank=True)
    evidence = models.JSONField(_("bằng chứng"), default=list, blank=True)
    fix_url = models.CharField(_("nơi khắc phục"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kết quả chỉ số")
        verbose_name_plural = pgettext_lazy("plural", "kết quả chỉ số")
        ordering = ["axis", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.get_status_display()}"


class VisitDaily(TenantOwned):
    """Page views per site, page and day, flushed from Redis. No IP, no user agent."""

    day = models.DateField(_("ngày"))
    path = models.CharField(_("trang"), max_length=200)
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt truy cập theo ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "day", "path"], name="unique_visit_day_path")
        ]
        indexes = [models.Index(fields=["tenant", "day"], name="visit_tenant_day")]


class ApiConsumer(TenantOwned):
    """A reader of the API (the national platform, a province tool): sees `tenant`'s subtree."""

    name = models.CharField(_("tên bên sử dụng"), max_length=120)
    token_prefix = models.CharField(_("đầu mã"), max_length=8, editable=False)
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=_("mã băm của khóa truy cập")
    )
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)
    rate_per_minute = models.PositiveIntegerField(_("giới hạn lượt/phút"), default=60)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("bên sử dụng API")
        verbose_name_plural = pgettext_lazy("plural", "bên sử dụng API")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


def export_storage() -> FileSystemStorage:
    """Exports hold data of many sites: kept outside MEDIA_ROOT (which the demo serves)
    and handed out only by the admin's download view."""
    return FileSystemStorage(location=settings.COMPLIANCE_EXPORT_ROOT, base_url=None)


class ExportJob(TenantOwned):
    """A report or audit-trail export run by Celery; the file is served through the admin."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Báo cáo đánh giá")
        AUDIT = "audit", _("Nhật ký thay đổi")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        PDF = "pdf", "PDF"

    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang xuất")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Lỗi")

    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    fmt = models.CharField(_("định dạng"), max_length=5, choices=Format.choices)
    params = models.JSONField(_("điều kiện"), default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("người yêu cầu"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    file = models.FileField(
        _("tệp"), upload_to="compliance/exports/%Y/%m/", storage=export_storage, blank=True
    )
    signed = models.BooleanField(_("đã ký số"), default=False)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("tệp xuất")
        verbose_name_plural = pgettext_lazy("plural", "tệp xuất")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.fmt.upper()} #{self.pk}"
