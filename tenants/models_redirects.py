"""The redirect table: every URL a site ever published keeps answering (301 or 410)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .domains import normalize_hostname


class RedirectReason(models.TextChoices):
    MERGE = "merge", _("Sáp nhập đơn vị")
    SPLIT = "split", _("Chia tách đơn vị")
    SLUG_CHANGE = "slug_change", _("Đổi địa chỉ bài viết")
    IMPORT = "import", _("Chuyển từ cổng cũ")
    RETIRE = "retire", _("Đơn vị ngừng hoạt động")
    RENAME = "rename", _("Đổi tên, đổi tên miền")
    DELETED = "deleted", _("Đã xóa hoặc gỡ bỏ")


class UrlRedirect(models.Model):
    """Old host + path (with its query string) → new URL (301), or gone (410).

    Looked up only when a request finds nothing (unknown host or a 404), by the
    unique (hostname, path) index: its size never slows a normal request.
    """

    MOVED = 301
    GONE = 410
    STATUS_CHOICES = [(MOVED, _("301 — đã chuyển")), (GONE, _("410 — đã gỡ bỏ"))]

    hostname = models.CharField(_("tên miền cũ"), max_length=253)
    path = models.CharField(
        _("đường dẫn cũ"),
        max_length=2000,
        help_text=_("Đường dẫn và chuỗi truy vấn như người dùng gửi, ví dụ /tin-tuc/abc.html."),
    )
    target_host = models.CharField(
        _("tên miền đích"), max_length=253, blank=True, help_text=_("Để trống: cùng tên miền.")
    )
    target_path = models.CharField(_("đường dẫn đích"), max_length=2000, blank=True)
    status = models.PositiveSmallIntegerField(
        _("mã trả lời"), choices=STATUS_CHOICES, default=MOVED
    )
    reason = models.CharField(_("lý do"), max_length=20, choices=RedirectReason.choices)
    tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị sở hữu đích"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("chuyển hướng địa chỉ")
        verbose_name_plural = pgettext_lazy("plural", "chuyển hướng địa chỉ")
        constraints = [
            models.UniqueConstraint(fields=["hostname", "path"], name="unique_redirect_source")
        ]
        indexes = [models.Index(fields=["target_host", "target_path"], name="redirect_target_idx")]

    def __str__(self) -> str:
        target = f"{self.target_host}{self.target_path}" if self.status == self.MOVED else "410"
        return f"{self.hostname}{self.path} → {target}"

    def save(self, *args, **kwargs) -> None:
        self.hostname = normalize_hostname(self.hostname)
        self.target_host = normalize_hostname(self.target_host)
        super().save(*args, **kwargs)
