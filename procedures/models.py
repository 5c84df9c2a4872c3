"""The procedure catalogue (TTHC), synced from the public-service system; never edited here."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.freshness import TranslationFreshness
from tenants import org_names
from tenants.models import Tenant, TenantOwned, TenantQuerySet


class Level(models.TextChoices):
    CENTRAL = "central", _("Cấp trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện (cũ)")
    COMMUNE = "commune", _("Cấp xã")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    NONE = "none", _("Chỉ cung cấp thông tin")


class ProcedureStatus(models.TextChoices):
    ACTIVE = "active", _("Đang áp dụng")
    WITHDRAWN = "withdrawn", _("Ngưng áp dụng")


class SyncSource(TenantOwned):
    """Where a tenant's catalogue comes from: an export file or a URL of the service system."""

    slug = models.SlugField(_("mã nguồn"), max_length=60, unique=True)
    name = models.CharField(_("tên nguồn"), max_length=255)
    url = models.URLField(
        _("địa chỉ tải dữ liệu"),
        max_length=500,
        blank=True,
        help_text=_(
            "JSON hoặc CSV theo lược đồ trong docs/procedures.md; để trống nếu chỉ nhập tệp."
        ),
    )
    is_active = models.BooleanField(_("đồng bộ hằng đêm"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nguồn dữ liệu thủ tục")
        verbose_name_plural = pgettext_lazy("plural", "nguồn dữ liệu thủ tục")

    def __str__(self) -> str:
        return self.name


class Field(models.Model):
    """Lĩnh vực: the subject area a procedure belongs to, as the source names it."""

    source = models.ForeignKey(
        SyncSource, on_delete=models.CASCADE, related_name="fields", verbose_name=_("nguồn đồng bộ")
    )
    code = models.CharField(_("mã lĩnh vực"), max_length=50)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = pgettext_lazy("plural", "lĩnh vực")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["source", "code"], name="unique_field_per_source")
        ]

    def __str__(self) -> str:
        return self.name


class ProcedureQuerySet(TenantQuerySet):
    def active(self) -> ProcedureQuerySet:
        return self.filter(status=ProcedureStatus.ACTIVE)

    def implemented_in(self, tenant: Tenant) -> ProcedureQuerySet:
        """Procedures assigned to `tenant` or to any site below it.

        One rule for every kind of site: a department or commune (no children) sees
        what it implements itself; a province sees its whole tree.
        """
        assigned = Assignment.objects.for_subtree(tenant).filter(procedure=OuterRef("pk"))
        return self.filter(Exists(assigned))

    def implemented_by(self, tenant: Tenant) -> ProcedureQuerySet:
        """Procedures assigned to this very tenant only."""
        return self.filter(
            Exists(Assignment.objects.for_tenant(tenant).filter(procedure=OuterRef("pk")))
        )


class Procedure(TenantOwned, TranslationFreshness):
    """One administrative procedure. `tenant` is the owner of the source it came from."""

    FRESHNESS_FIELDS = ("name",)

    source = models.ForeignKey(
        SyncSource,
        on_delete=models.PROTECT,
        related_name="procedures",
        verbose_name=_("nguồn đồng bộ"),
    )
    code = models.CharField(_("mã thủ tục"), max_length=50)
    name = models.CharField(_("tên thủ tục"), max_length=600)
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("lĩnh vực")
    )
    agency_tenant = models.ForeignKey(
        Tenant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ quan thực hiện (đơn vị trên cổng)"),
    )
    agency_name = models.CharField(_("cơ quan thực hiện"), max_length=255)
    agency_slug = models.CharField(_("mã cơ quan"), max_length=255, db_index=True, editable=False)
    level = models.CharField(_("cấp thực hiện"), max_length=20, choices=Level.choices)
    processing_time = models.TextField(_("thời hạn giải quyết"), blank=True)
    fees = models.TextField(_("phí, lệ phí"), blank=True)
    steps = models.TextField(_("trình tự thực hiện"), blank=True)
    method = models.TextField(_("cách thức thực hiện"), blank=True)
    requirements = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"), max_length=20, choices=OnlineLevel.choices
    )
    partial_reason = models.TextField(_("lý do chỉ trực tuyến một phần"), blank=True)
    submission_url = models.URLField(_("địa chỉ nộp hồ sơ trực tuyến"), max_length=500, blank=True)
    # [{"number": "...", "title": "..."}]; linked to the documents module at render time.
    legal_basis = models.JSONField(_("căn cứ pháp lý"), default=list, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=ProcedureStatus.choices,
        default=ProcedureStatus.ACTIVE,
    )
    # Lower-case, diacritics folded: searched with or without accents, and sorted.
    search_text = models.TextField(_("văn bản tìm kiếm"), editable=False, default="")
    sort_name = models.CharField(_("tên để sắp xếp"), max_length=600, editable=False, default="")
    content_hash = models.CharField(_("mã băm nội dung"), max_length=64, editable=False)
    synced_at = models.DateTimeField(_("đồng bộ lần cuối"))
    withdrawn_at = models.DateTimeField(_("ngưng áp dụng từ"), null=True, blank=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = pgettext_lazy("plural", "thủ tục hành chính")
        ordering = ["sort_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "code"], name="unique_procedure_per_source")
        ]
        indexes = [
            models.Index(fields=["status", "sort_name", "id"], name="procedure_catalogue_idx"),
            models.Index(fields=["code"], name="procedure_code_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def agency_display(self) -> str:
        if self.agency_tenant_id:
            return self.agency_tenant.name
        return org_names.in_language(self.agency_name)  # English form on /en/ when known

    @property
    def is_active(self) -> bool:
        return self.status == ProcedureStatus.ACTIVE


class DossierItem(models.Model):
    """Thành phần hồ sơ: one paper of the dossier, with its form template when there is one."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="dossier", verbose_name=_("thủ tục")
    )
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("tên giấy tờ"))
    quantity = models.CharField(_("số lượng"), max_length=100, blank=True)
    form_name = models.CharField(_("mẫu đơn, tờ khai"), max_length=255, blank=True)
    form_url = models.URLField(_("tải mẫu"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = pgettext_lazy("plural", "thành phần hồ sơ")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name[:80]


class Assignment(TenantOwned):
    """A tenant that implements a procedure (where citizens of that site can use it)."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("thủ tục")
    )

    class Meta:
        verbose_name = _("đơn vị thực hiện")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị thực hiện")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "tenant"], name="unique_assignment")
        ]
        indexes = [models.Index(fields=["tenant", "procedure"], name="assignment_tenant_idx")]


class SyncRun(models.Model):
    """One attempt to sync a source: what it changed or why it failed."""

    class Outcome(models.TextChoices):
        RUNNING = "running", _("Đang chạy")
        OK = "ok", _("Thành công")
        INVALID = "invalid", _("Dữ liệu không hợp lệ")
        FAILED = "failed", _("Lỗi tải dữ liệu")

    source = models.ForeignKey(
        SyncSource, on_delete=models.CASCADE, related_name="runs", verbose_name=_("nguồn đồng bộ")
    )
    started_at = models.DateTimeField(_("bắt đầu"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    trigger = models.CharField(_("khởi chạy bởi"), max_length=40, default="manual")
    dry_run = models.BooleanField(_("chạy thử"), default=False)
    outcome = models.CharField(
        _("kết quả"), max_length=20, choices=Outcome.choices, default=Outcome.RUNNING
    )
    created = models.PositiveIntegerField(_("thêm mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    withdrawn = models.PositiveIntegerField(_("ngưng áp dụng"), default=0)
    reinstated = models.PositiveIntegerField(_("áp dụng lại"), default=0)
    unchanged = models.PositiveIntegerField(_("không đổi"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    seconds = models.FloatField(_("thời gian (giây)"), default=0)

    class Meta:
        verbose_name = _("lượt đồng bộ")
        verbose_name_plural = pgettext_lazy("plural", "lượt đồng bộ")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} {self.get_outcome_display()}"

    @property
    def changes(self) -> int:
        return self.created + self.updated + self.withdrawn + self.reinstated
