"""Operations: the task outbox (work kept while the Celery broker is unreachable), backup
runs and planned-downtime notices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutboxTask(models.Model):
    """A Celery task the broker refused; `drain_outbox` sends it when the broker is back.

    Task arguments are ids and plain values (STYLE.md), so they store as JSON.
    """

    task_name = models.CharField(_("tác vụ"), max_length=200)
    args = models.JSONField(_("tham số"), default=list, blank=True)
    kwargs = models.JSONField(_("tham số có tên"), default=dict, blank=True)
    created_at = models.DateTimeField(_("lúc lưu"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("số lần gửi lại"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("tác vụ chờ gửi")
        verbose_name_plural = pgettext_lazy("plural", "tác vụ chờ gửi")

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)}"


class BackupRecord(models.Model):
    """One run of `manage.py backup` (command or nightly task): the dashboard warns when
    the last successful one is too old."""

    created_at = models.DateTimeField(_("lúc sao lưu"), auto_now_add=True, db_index=True)
    ok = models.BooleanField(_("thành công"), default=True)
    path = models.CharField(_("tệp sao lưu"), max_length=500, blank=True)
    size_bytes = models.BigIntegerField(_("dung lượng (byte)"), default=0)
    seconds = models.FloatField(_("thời gian (giây)"), default=0)
    rows = models.BigIntegerField(_("số bản ghi"), default=0)
    files = models.PositiveIntegerField(_("số tệp"), default=0)
    message = models.TextField(_("lỗi"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("lần sao lưu")
        verbose_name_plural = _("các lần sao lưu")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.path}"

    @classmethod
    def record(cls, result) -> BackupRecord:
        return cls.objects.create(
            path=str(result.path),
            size_bytes=result.path.stat().st_size,
            seconds=round(result.seconds, 2),
            rows=sum(result.manifest["counts"].values()),
            files=len(result.manifest["members"]) - 1,
        )


class DowntimeNotice(models.Model):
    """Planned maintenance (Decree 224/2026 Art. 13): announced ≥ 7 working days ahead
    unless an emergency, shown on every page of the affected sites from publication to
    the expected recovery (operations/downtime.py)."""

    tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.CASCADE,
        related_name="downtime_notices",
        verbose_name=_("trang bị ảnh hưởng"),
    )
    include_subtree = models.BooleanField(
        _("cả các trang thành phần"),
        default=False,
        help_text=_("Chọn trang của tỉnh và đánh dấu ô này cho toàn bộ hệ thống."),
    )
    starts_at = models.DateTimeField(_("bắt đầu bảo trì"))
    ends_at = models.DateTimeField(_("dự kiến hoạt động trở lại"))
    message = models.TextField(
        _("nội dung thông báo"),
        max_length=1000,
        help_text=_("Lý do và những gì người dân cần biết, ví dụ kênh liên hệ thay thế."),
    )
    is_emergency = models.BooleanField(
        _("bảo trì khẩn cấp"),
        default=False,
        help_text=_("Chỉ khi không thể báo trước 7 ngày làm việc; phải ghi lý do."),
    )
    emergency_reason = models.CharField(_("lý do khẩn cấp"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("người lập"),
    )
    static_exported_at = models.DateTimeField(
        _("đã lưu bản tĩnh lúc"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("thông báo tạm ngừng hoạt động")
        verbose_name_plural = pgettext_lazy("plural", "thông báo tạm ngừng hoạt động")

    def __str__(self) -> str:
        return f"{self.tenant} {self.starts_at:%d/%m/%Y %H:%M}"

    def clean(self) -> None:
        from .downtime import check_notice

        check_notice(self)

    @property
    def announced_in_time(self) -> bool:
        from .downtime import announced_in_time

        return announced_in_time(self.published_at, self.starts_at)
