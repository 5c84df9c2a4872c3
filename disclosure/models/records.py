"""Public disclosure records: one shape for every section the law requires, with
typed extensions only where the data is structured (plans, projects, budgets,
datasets, recruitment)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.files import DOCUMENT_KINDS, IMAGE_KINDS, MB, TenantUploadPath, UploadValidator
from portal.freshness import TranslationFreshness
from portal.publishing import Publishable
from portal.slugs import unique_slug
from tenants.models import Tenant


class Section(models.TextChoices):
    PLANNING = "planning", _("Quy hoạch – Kế hoạch")
    BUDGET = "budget", _("Ngân sách")
    INVESTMENT = "investment", _("Dự án đầu tư")
    STATISTICS = "statistics", _("Số liệu thống kê")
    RECRUITMENT = "recruitment", _("Tuyển dụng")
    ANTICORRUPTION = "anticorruption", _("Phòng, chống tham nhũng")
    SCIENCE = "science", _("Đề tài khoa học")
    LAND = "land", _("Giá đất, thu hồi đất, bồi thường")


# URL path of each section: Vietnamese without diacritics, as citizens expect.
SECTION_PATHS: dict[str, str] = {
    Section.PLANNING: "quy-hoach-ke-hoach",
    Section.BUDGET: "ngan-sach",
    Section.INVESTMENT: "du-an-dau-tu",
    Section.STATISTICS: "so-lieu-thong-ke",
    Section.RECRUITMENT: "tuyen-dung",
    Section.ANTICORRUPTION: "phong-chong-tham-nhung",
    Section.SCIENCE: "de-tai-khoa-hoc",
    Section.LAND: "dat-dai-boi-thuong",
}
SECTION_BY_PATH = {path: section for section, path in SECTION_PATHS.items()}


class RecordStatus(models.TextChoices):
    """The state of the thing disclosed (not of the web page: that is `status`)."""

    CONSULTATION = "consultation", _("Dự thảo lấy ý kiến")
    APPROVED = "approved", _("Đã phê duyệt")
    ADJUSTED = "adjusted", _("Đã điều chỉnh")
    EXPIRED = "expired", _("Hết hiệu lực")
    PREPARING = "preparing", _("Chuẩn bị đầu tư")
    ONGOING = "ongoing", _("Đang thực hiện")
    COMPLETED = "completed", _("Đã hoàn thành")
    OPEN = "open", _("Đang nhận hồ sơ")
    CLOSED = "closed", _("Đã hết hạn nhận hồ sơ")
    RESULT = "result", _("Đã có kết quả")


class BudgetStage(models.TextChoices):
    ESTIMATE = "estimate", _("Dự toán")
    QUARTER = "quarter", _("Thực hiện quý")
    SIX_MONTHS = "six_months", _("Thực hiện 6 tháng")
    FINAL = "final", _("Quyết toán")


class Record(Publishable, TranslationFreshness):
    """One disclosure of any section; `section` says where it is listed."""

    FRESHNESS_FIELDS = ("title", "summary")

    section = models.CharField(_("chuyên mục"), max_length=20, choices=Section.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=120, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=120, blank=True)
    record_status = models.CharField(
        _("tình trạng"), max_length=20, choices=RecordStatus.choices, blank=True
    )
    # The reference decision is stored as text; `legal_links` resolves it to the
    # documents module when a document with that number exists on the site.
    reference_number = models.CharField(_("số quyết định/văn bản"), max_length=80, blank=True)
    reference_title = models.CharField(_("trích yếu quyết định"), max_length=300, blank=True)
    fact_date = models.DateField(
        _("ngày phát sinh thông tin"),
        help_text=_("Ngày ký quyết định, ngày kết thúc quý…: mốc tính hạn công khai."),
    )
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    period_start = models.DateField(_("từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    location = models.ForeignKey(
        Tenant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("địa bàn"),
        help_text=_("Xã/phường nơi có dự án, thửa đất…"),
    )
    # Machine-readable extras (open data keywords, codes): not shown as prose.
    metadata = models.JSONField(_("siêu dữ liệu"), default=dict, blank=True)
    table_columns = models.JSONField(
        _("các cột của bảng"), default=list, blank=True, editable=False
    )

    class Meta(Publishable.Meta):
        verbose_name = _("thông tin công khai")
        verbose_name_plural = pgettext_lazy("plural", "thông tin công khai")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "slug"], name="disclosure_unique_slug"),
            models.CheckConstraint(
                condition=models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="disclosure_period_in_order",
            ),
        ]
        indexes = [
            models.Index(
                fields=["tenant", "section", "status", "-published_at", "-id"],
                name="disclosure_section_list",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Ngày kết thúc không được trước ngày bắt đầu.")})
        if not isinstance(self.metadata, dict) or any(
            isinstance(value, dict | list) or "\x00" in f"{key}{value}"
            for key, value in self.metadata.items()
        ):
            raise ValidationError(
                {
                    "metadata": _(
                        'Siêu dữ liệu là các cặp "khóa": "giá trị", ví dụ {"keywords": "…"}.'
                    )
                }
            )

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="muc", max_length=100)
        if not self.year and self.fact_date:
            self.year = self.fact_date.year
        super().save(*args, **kwargs)

    @property
    def section_path(self) -> str:
        return SECTION_PATHS[self.section]

    def get_absolute_url(self) -> str:
        return reverse(
            "disclosure:detail",
            kwargs={"section": self.section_path, "pk": self.pk, "slug": self.slug},
        )


class Attachment(models.Model):
    """A file or link of a record: its documents, maps, procurement notices, results."""

    class Role(models.TextChoices):
        DOCUMENT = "document", _("Tài liệu")
        MAP = "map", _("Bản đồ")
        PROCUREMENT_NOTICE = "procurement_notice", _("Thông báo mời thầu")
        PROCUREMENT_RESULT = "procurement_result", _("Kết quả lựa chọn nhà thầu")
        RESULT = "result", _("Kết quả")

    record = models.ForeignKey(
        Record,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("mục công khai"),
    )
    role = models.CharField(_("loại"), max_length=20, choices=Role.choices, default=Role.DOCUMENT)
    title = models.CharField(_("tên"), max_length=300)
    file = models.FileField(
        _("tệp"),
        upload_to=TenantUploadPath("disclosure"),
        blank=True,
        validators=[UploadValidator(DOCUMENT_KINDS | IMAGE_KINDS, 20 * MB)],
    )
    url = models.URLField(_("hoặc liên kết"), blank=True)
    alt_text = models.CharField(
        _("mô tả thay thế"),
        max_length=500,
        blank=True,
        help_text=_("Bắt buộc với bản đồ, ảnh: mô tả nội dung cho người không xem được ảnh."),
    )
    date = models.DateField(_("ngày"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm, bản đồ, thông báo")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.file and not self.file._committed and self.is_image:
            from ..images import reencode_image

            self.file = reencode_image(self.file)
        super().save(*args, **kwargs)

    @property
    def tenant_id(self) -> int:  # for TenantUploadPath
        return self.record.tenant_id

    @property
    def is_image(self) -> bool:
        name = (self.file.name or "").lower()
        return any(name.endswith(f".{kind}") for kind in IMAGE_KINDS)

    def clean(self) -> None:
        if not self.file and not self.url:
            raise ValidationError(_("Chọn một tệp hoặc nhập một liên kết."))
        # Keyed to the Vietnamese column: the translated admin inline has no plain
        # `alt_text` field, and an error on a field the form lacks is a 500.
        if (self.role == self.Role.MAP or self.is_image) and not (self.alt_text_vi or "").strip():
            raise ValidationError({"alt_text_vi": _("Bản đồ, ảnh phải có mô tả thay thế.")})


class TableRow(models.Model):
    """One row of a record's figures table, stored as values (Decimal strings)."""

    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, related_name="rows", verbose_name=_("mục công khai")
    )
    position = models.PositiveIntegerField(verbose_name=_("vị trí"))
    label = models.CharField(_("chỉ tiêu"), max_length=300)
    unit = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    values = models.JSONField(_("giá trị"), default=list)

    class Meta:
        verbose_name = _("dòng bảng")
        verbose_name_plural = pgettext_lazy("plural", "dòng bảng")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["record", "position"], name="disclosure_row_position")
        ]

    def __str__(self) -> str:
        return self.label


class DeadlineRule(models.Model):
    """How long after the fact a record must be published: data, edited by the province."""

    class DayKind(models.TextChoices):
        WORKING = "working", _("ngày làm việc")
        CALENDAR = "calendar", _("ngày (theo lịch)")

    section = models.CharField(_("chuyên mục"), max_length=20, choices=Section.choices, blank=True)
    budget_stage = models.CharField(
        _("giai đoạn ngân sách"), max_length=12, choices=BudgetStage.choices, blank=True
    )
    days = models.PositiveSmallIntegerField(_("số ngày"))
    day_kind = models.CharField(
        _("cách tính"), max_length=10, choices=DayKind.choices, default=DayKind.WORKING
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("quy tắc thời hạn công khai")
        verbose_name_plural = _("quy tắc thời hạn công khai")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "budget_stage"], name="disclosure_one_rule_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_section_display() or '*'} {self.budget_stage}: {self.days}"


def _section_proxy(name: str, section: str) -> type[Record]:
    """One admin entry per section, same table: a proxy of Record fixed to `section`."""
    label = Section(section).label
    meta = type("Meta", (), {"proxy": True, "verbose_name": label, "verbose_name_plural": label})
    return type(
        name, (Record,), {"__module__": "disclosure.models", "Meta": meta, "SECTION": section}
    )


PlanningRecord = _section_proxy("PlanningRecord", Section.PLANNING)
BudgetRecord = _section_proxy("BudgetRecord", Section.BUDGET)
InvestmentRecord = _section_proxy("InvestmentRecord", Section.INVESTMENT)
StatisticsRecord = _section_proxy("StatisticsRecord", Section.STATISTICS)
RecruitmentRecord = _section_proxy("RecruitmentRecord", Section.RECRUITMENT)
AntiCorruptionRecord = _section_proxy("AntiCorruptionRecord", Section.ANTICORRUPTION)
ScienceRecord = _section_proxy("ScienceRecord", Section.SCIENCE)
LandRecord = _section_proxy("LandRecord", Section.LAND)
SECTION_PROXIES = {
    proxy.SECTION: proxy
    for proxy in (
        PlanningRecord,
        BudgetRecord,
        InvestmentRecord,
        StatisticsRecord,
        RecruitmentRecord,
        AntiCorruptionRecord,
        ScienceRecord,
        LandRecord,
    )
}
