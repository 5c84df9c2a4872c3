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
