"""Structured "about the agency / locality" information (REQUIREMENTS B13, B14)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey

from portal.files import MB, TenantUploadPath, UploadValidator
from portal.slugs import unique_slug
from tenants.models import TenantOwned, TenantQuerySet

from .freshness import TranslationFreshness


class OrgUnitManager(TreeManager.from_queryset(TenantQuerySet)):
    pass


class OrgUnit(MPTTModel, TenantOwned, TranslationFreshness):
    """A unit of the agency's structure; the tree is the org chart."""

    FRESHNESS_FIELDS = ("name", "mandate")
    parent = TreeForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    mandate = models.TextField(_("chức năng, nhiệm vụ"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    url = models.URLField(
        _("trang của đơn vị"),
        blank=True,
        help_text=_(
            "Trang thông tin riêng của đơn vị (ví dụ trang thành phần của một sở). Để trống: "
            "ô của đơn vị trên sơ đồ dẫn tới phần chức năng, nhiệm vụ của đơn vị."
        ),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = OrgUnitManager()

    class MPTTMeta:
        order_insertion_by = ["order"]

    class Meta:
        verbose_name = _("đơn vị trong cơ cấu tổ chức")
        verbose_name_plural = _("cơ cấu tổ chức")

    def __str__(self) -> str:
        return self.name


class Leader(TenantOwned, TranslationFreshness):
    FRESHNESS_FIELDS = ("title", "bio", "duties")
    name = models.CharField(_("họ và tên"), max_length=200)
    title = models.CharField(_("chức vụ"), max_length=255)
    photo = models.ForeignKey(
        "content.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ảnh"),
    )
    bio = models.TextField(_("tiểu sử"), blank=True)
    duties = models.TextField(_("nhiệm vụ được phân công"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lãnh đạo")
        verbose_name_plural = pgettext_lazy("plural", "lãnh đạo")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.name} — {self.title}"


class ContactOfficial(TenantOwned, TranslationFreshness):
    FRESHNESS_FIELDS = ("title", "unit")
    name = models.CharField(_("họ và tên"), max_length=200)
    title = models.CharField(_("chức vụ"), max_length=255)
    unit = models.CharField(_("đơn vị công tác"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("cán bộ đầu mối liên hệ")
        verbose_name_plural = pgettext_lazy("plural", "cán bộ đầu mối liên hệ")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class HistoryEntry(TenantOwned, TranslationFreshness):
    FRESHNESS_FIELDS = ("period", "title", "text")
    period = models.CharField(_("mốc thời gian"), max_length=100)
    title = models.CharField(_("sự kiện"), max_length=255)
    text = models.TextField(_("nội dung"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mốc lịch sử")
        verbose_name_plural = _("lịch sử hình thành")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.period}: {self.title}"


class LocalityKind(models.TextChoices):
    APPARATUS = "apparatus", _("Bộ máy hành chính")
    MAP = "map", _("Bản đồ địa giới hành chính")
    NATURE = "nature", _("Điều kiện tự nhiên")
    CULTURE = "culture", _("Lịch sử, văn hóa")
    HERITAGE = "heritage", _("Di tích, danh thắng")


class LocalityPage(TenantOwned, TranslationFreshness):
    FRESHNESS_FIELDS = ("title", "body", "map_text")
    kind = models.CharField(_("loại trang"), max_length=20, choices=LocalityKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=200, blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    map_file = models.FileField(
        _("bản đồ (ảnh hoặc PDF)"),
        upload_to=TenantUploadPath("maps"),
        blank=True,
        validators=[UploadValidator({"png", "jpg", "jpeg", "webp", "pdf"}, 30 * MB)],
    )
    map_text = models.TextField(
        _("mô tả bản đồ (văn bản thay thế)"),
        blank=True,
        help_text=_("Bắt buộc khi có bản đồ: mô tả địa giới, các đơn vị giáp ranh."),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("trang giới thiệu địa phương")
        verbose_name_plural = _("giới thiệu địa phương")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "slug"], name="content_locality_slug")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        # Keyed to the Vietnamese column: modeltranslation's admin form has no plain
        # `map_text` field, and an error on a field the form lacks is a 500.
        if self.map_file and not (self.map_text_vi or "").strip():
            raise ValidationError({"map_text_vi": _("Bản đồ cần có mô tả bằng văn bản.")})

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.title_vi or self.title, fallback=self.kind)
        super().save(*args, **kwargs)

    @property
    def map_is_pdf(self) -> bool:
        return bool(self.map_file) and self.map_file.name.lower().endswith(".pdf")
