"""Operations: the task outbox (work kept while the Celery broker is unreachable)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
        verbose_name_plural = _("tác vụ chờ gửi")

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
