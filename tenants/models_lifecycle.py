"""Site lifecycle records: one operation (merge, split, move, rename, retire) with its plan
and progress, where each moved item came from, and the names a site was known by."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OperationKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")
    SPLIT = "split", _("Chia tách")
    MOVE = "move", _("Chuyển đơn vị cấp trên")
    RENAME = "rename", _("Đổi tên, đổi tên miền")
    RETIRE = "retire", _("Ngừng hoạt động")


class OperationState(models.TextChoices):
    PLANNED = "planned", _("Đã lập kế hoạch")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn tất")
    FAILED = "failed", _("Lỗi, có thể chạy tiếp")


UNFINISHED_STATES = (OperationState.PLANNED, OperationState.RUNNING, OperationState.FAILED)


class SiteOperation(models.Model):
    """One lifecycle operation: the plan the preview showed, and how far it has run.

    `progress` holds a cursor per source and kind, written in the same transaction as
    the batch it describes, so a crashed run resumes exactly where it stopped.
    """

    kind = models.CharField(_("loại thao tác"), max_length=10, choices=OperationKind.choices)
    state = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=OperationState.choices,
        default=OperationState.PLANNED,
    )
    sources = models.ManyToManyField(
        "tenants.Tenant", related_name="+", verbose_name=_("đơn vị nguồn"), blank=True
    )
    target = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị đích"),
    )
    plan = models.JSONField(_("kế hoạch"), default=dict)
    progress = models.JSONField(_("tiến độ"), default=dict)
    moved = models.PositiveIntegerField(_("số mục đã chuyển"), default=0)
    redirects = models.PositiveIntegerField(_("số chuyển hướng đã tạo"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thao tác vòng đời trang")
        verbose_name_plural = pgettext_lazy("plural", "thao tác vòng đời trang")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.get_state_display()})"

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class Provenance(models.Model):
    """Where one item lived before an operation moved it ("trước đây thuộc …")."""

    operation = models.ForeignKey(
        SiteOperation,
        on_delete=models.CASCADE,
        related_name="provenance",
        verbose_name=_("thao tác"),
    )
    model_label = models.CharField(_("loại"), max_length=100)
    object_id = models.CharField(_("mã mục"), max_length=64)
    former_tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị trước đây"),
    )
    former_name = models.CharField(_("tên đơn vị trước đây"), max_length=255)
    former_url = models.CharField(_("địa chỉ trước đây"), max_length=2000, blank=True)
    new_url = models.CharField(_("địa chỉ mới"), max_length=2000, blank=True)
    path_changed = models.BooleanField(_("đổi đường dẫn"), default=False)
    merged_into = models.CharField(
        _("gộp vào mục"),
        max_length=64,
        blank=True,
        help_text=_("Mục trùng đã có ở đơn vị đích; mục cũ ở lại trang lưu trữ."),
    )

    class Meta:
        verbose_name = _("nguồn gốc mục")
        verbose_name_plural = pgettext_lazy("plural", "nguồn gốc mục")
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "model_label", "object_id"], name="provenance_once"
            )
        ]
        indexes = [models.Index(fields=["model_label", "object_id"], name="provenance_item_idx")]

    def __str__(self) -> str:
        return f"{self.model_label}:{self.object_id} ← {self.former_name}"


class FormerName(models.Model):
    """A name (and hostnames) a site was known by until `until`, shown on its About page."""

    tenant = models.ForeignKey(
        "tenants.Tenant",
        on_delete=models.CASCADE,
        related_name="former_names",
        verbose_name=_("đơn vị"),
    )
    name = models.CharField(_("tên gọi trước đây"), max_length=255)
    short_name = models.CharField(_("tên ngắn trước đây"), max_length=120, blank=True)
    hostnames = models.JSONField(_("tên miền trước đây"), default=list, blank=True)
    until = models.DateField(_("đến ngày"))
    operation = models.ForeignKey(
        SiteOperation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thao tác"),
    )

    class Meta:
        verbose_name = _("tên gọi trước đây")
        verbose_name_plural = pgettext_lazy("plural", "tên gọi trước đây")
        ordering = ["-until", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "name", "until"],
                name="former_name_once",
                condition=~Q(name=""),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (→ {self.until:%d/%m/%Y})"
