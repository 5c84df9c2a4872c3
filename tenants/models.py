"""The tenant tree (province → departments/districts → communes), domains and roles."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from mptt.models import MPTTModel, TreeForeignKey

from .domains import normalize_hostname, validate_hostname


class TenantKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/Thành phố")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    DISTRICT = "district", _("Huyện (cũ, lưu trữ)")
    OTHER = "other", _("Khác")


class Tenant(MPTTModel):
    """One government website. `kind` is a label only: no code branches on it."""

    parent = TreeForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=TenantKind.choices)
    slug = models.SlugField(
        _("mã định danh"),
        max_length=60,
        unique=True,
        help_text=_("Chữ thường không dấu, dùng trong địa chỉ thử nghiệm <mã>.localhost."),
    )
    name = models.CharField(_("tên đầy đủ"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    introduction = models.TextField(_("giới thiệu ngắn"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    is_archived = models.BooleanField(
        _("lưu trữ (chỉ đọc)"),
        default=False,
        help_text=_("Trang của đơn vị cũ (ví dụ huyện trước 2025): vẫn xem được, không sửa được."),
    )
    # Footer information required by Decree 42/224 (REQUIREMENTS A5).
    governing_body = models.CharField(_("cơ quan chủ quản"), max_length=255, blank=True)
    responsible_person = models.CharField(_("người chịu trách nhiệm"), max_length=255, blank=True)
    responsible_title = models.CharField(
        _("chức vụ người chịu trách nhiệm"), max_length=255, blank=True
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=50, blank=True)
    license_text = models.CharField(_("giấy phép"), max_length=255, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    zalo_url = models.URLField(_("Zalo"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    platform_label = models.CharField(
        _("nhãn nền tảng số"),
        max_length=255,
        blank=True,
        help_text=_("Ô dành cho nhãn/tín nhiệm nền tảng số hiển thị ở chân trang."),
    )
    platform_label_url = models.URLField(_("liên kết nhãn nền tảng số"), blank=True)
    logo = models.ImageField(_("quốc huy / biểu trưng"), upload_to="tenants/logos/", blank=True)
    theme_color = models.CharField(
        _("màu chủ đạo"),
        max_length=7,
        default="#a3161a",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Nhập màu dạng #RRGGBB."))],
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class MPTTMeta:
        order_insertion_by = ["order", "name"]

    class Meta:
        verbose_name = _("đơn vị (trang thành phần)")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị (trang thành phần)")

    def __str__(self) -> str:
        return self.name

    # The tree as nested sets: the one place that reads lft/rght (tests/tenants/test_lineage.py
    # fails on a hand-written copy elsewhere). `prefix` is the path from the queried model to
    # a Tenant, e.g. "tenant__".
    def subtree_q(self, prefix: str = "", *, include_self: bool = True) -> Q:
        """This site and every site below it."""
        low, high = ("gte", "lte") if include_self else ("gt", "lt")
        return self._nested_q(prefix, low, high)

    def ancestors_q(self, prefix: str = "", *, include_self: bool = True) -> Q:
        """This site and every site above it, up to the root."""
        low, high = ("lte", "gte") if include_self else ("lt", "gt")
        return self._nested_q(prefix, low, high)

    def _nested_q(self, prefix: str, lft: str, rght: str) -> Q:
        return Q(
            **{
                f"{prefix}tree_id": self.tree_id,
                f"{prefix}lft__{lft}": self.lft,
                f"{prefix}rght__{rght}": self.rght,
            }
        )

    def lineage_q(self, prefix: str = "") -> Q:
        """The sites above this one, itself and the sites below: what it inherits and owns."""
        return self.ancestors_q(prefix) | self.subtree_q(prefix)

    def contains(self, other: Tenant) -> bool:
        """Whether `other` is this site or a site below it (no query)."""
        return other.tree_id == self.tree_id and self.lft <= other.lft and other.rght <= self.rght

    @property
    def display_short_name(self) -> str:
        return self.short_name or self.name


class Domain(models.Model):
    """A hostname that serves a tenant; a tenant may have several, one primary."""

    tenant = models.ForeignKey(
        Tenant, on_delete=models.PROTECT, related_name="domains", verbose_name=_("đơn vị")
    )
    hostname = models.CharField(
        _("tên miền"), max_length=253, unique=True, validators=[validate_hostname]
    )
    is_primary = models.BooleanField(_("tên miền chính"), default=False)
    redirect_to_primary = models.BooleanField(
        _("chuyển hướng 301 về tên miền chính"),
        default=False,
        help_text=_("Dùng cho tên miền cũ sau khi đổi tên hoặc sáp nhập đơn vị."),
    )
    # A hostname outside the province's suffixes waits for the editorial board
    # (tenants/hostname_policy.py); a pending hostname serves nothing.
    is_approved = models.BooleanField(_("đã được duyệt"), default=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    approved_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)

    class Meta:
        verbose_name = _("tên miền")
        verbose_name_plural = pgettext_lazy("plural", "tên miền")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant"],
                condition=Q(is_primary=True),
                name="one_primary_domain_per_tenant",
            )
        ]

    def __str__(self) -> str:
        return self.hostname

    def save(self, *args, **kwargs) -> None:
        self.hostname = normalize_hostname(self.hostname)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.hostname = normalize_hostname(self.hostname)


class TenantQuerySet(models.QuerySet):
    """Explicit scoping: every public query names its tenant or subtree."""

    def for_tenant(self, tenant: Tenant) -> TenantQuerySet:
        return self.filter(tenant=tenant)

    def for_subtree(self, tenant: Tenant) -> TenantQuerySet:
        return self.filter(tenant.subtree_q("tenant__"))

    def for_lineage(self, tenant: Tenant) -> TenantQuerySet:
        """Rows of the sites above `tenant`, of itself and of the sites below it."""
        return self.filter(tenant.lineage_q("tenant__"))

    def in_language(self, field: str = "title", *, any_language: bool = False) -> TenantQuerySet:
        """What the current language lists (portal/languages.py)."""
        from portal.languages import in_language

        return in_language(self, field, any_language=any_language)


class TenantOwned(models.Model):
    """Base of every model that belongs to one site."""

    tenant = models.ForeignKey(
        Tenant, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True


class Role(models.TextChoices):
    EDITOR = "editor", _("Biên tập viên")
    APPROVER = "approver", _("Người duyệt")
    SITE_ADMIN = "site_admin", _("Quản trị trang")
    AUDITOR = "auditor", _("Kiểm tra viên (chỉ đọc)")


class Membership(TenantOwned):
    """A user's role on a site, optionally on every site below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("người dùng"),
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    include_descendants = models.BooleanField(
        _("gồm các đơn vị cấp dưới"),
        default=False,
        help_text=_("Ví dụ: Ban Biên tập cổng tỉnh làm việc trên toàn bộ cây đơn vị."),
    )

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = pgettext_lazy("plural", "phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "tenant", "role"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.tenant}"


from .models_lifecycle import (  # noqa: E402, F401
    FormerName,
    OperationKind,
    OperationState,
    Provenance,
    SiteOperation,
)
from .models_redirects import RedirectReason, UrlRedirect  # noqa: E402, F401
