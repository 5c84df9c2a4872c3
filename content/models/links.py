"""Manual links, banners and the urgent home-page alert (REQUIREMENTS B16, B18)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import TenantOwned


class LinkGroup(models.TextChoices):
    POLITICAL = "political", _("Cơ quan Đảng, đoàn thể, chính quyền")
    OTHER = "other", _("Liên kết khác")


class Link(TenantOwned):
    group = models.CharField(
        _("nhóm"), max_length=20, choices=LinkGroup.choices, default=LinkGroup.POLITICAL
    )
    title = models.CharField(_("tên"), max_length=255)
    url = models.URLField(_("địa chỉ"))
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("liên kết")
        verbose_name_plural = pgettext_lazy("plural", "liên kết")
        ordering = ["group", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Banner(TenantOwned):
    title = models.CharField(_("tên"), max_length=255)
    url = models.URLField(_("địa chỉ"))
    image = models.ForeignKey(
        "content.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ảnh"),
    )
    is_active = models.BooleanField(_("đang hiển thị"), default=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("banner liên kết")
        verbose_name_plural = pgettext_lazy("plural", "banner liên kết")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Alert(TenantOwned):
    """An urgent public-interest notice shown at the top of the home page."""

    message = models.CharField(_("nội dung cảnh báo"), max_length=500)
    url = models.URLField(_("xem chi tiết tại"), blank=True)
    starts_at = models.DateTimeField(_("bắt đầu hiển thị"))
    ends_at = models.DateTimeField(_("kết thúc hiển thị"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo khẩn")
        verbose_name_plural = pgettext_lazy("plural", "thông báo khẩn")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.message


class SiteHero(TenantOwned):
    """The picture across the top of a site's home page, chosen by the site's admins from
    its image library (whose alt text and renditions it uses). One per site; without one
    the home page shows the platform's default picture."""

    image = models.ForeignKey(
        "content.Image",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ảnh"),
        help_text=_(
            "Chọn từ thư viện ảnh của trang; ảnh ngang, rộng ít nhất 1600 điểm ảnh. "
            "Văn bản thay thế (alt) của ảnh được dùng cho người không nhìn thấy ảnh."
        ),
    )

    class Meta:
        verbose_name = _("ảnh bìa trang chủ")
        verbose_name_plural = pgettext_lazy("plural", "ảnh bìa trang chủ")
        constraints = [
            models.UniqueConstraint(fields=["tenant"], name="content_one_hero_per_tenant")
        ]

    def __str__(self) -> str:
        return str(self.image)
