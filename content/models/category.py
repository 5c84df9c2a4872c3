"""The per-tenant category tree: it files articles and is the site's menu."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey

from portal.slugs import unique_slug
from tenants.models import TenantOwned, TenantQuerySet


class CategoryKind(models.TextChoices):
    NEWS = "news", _("Tin tức, sự kiện")
    UNIT_ACTIVITIES = "unit_activities", _("Hoạt động của đơn vị")
    LEADERS_ACTIVITIES = "leaders_activities", _("Hoạt động của lãnh đạo")
    DIGITAL_TRANSFORMATION = "digital_transformation", _("Chuyển đổi số")
    PRESS_RELEASES = "press_releases", _("Thông cáo báo chí")
    LEGAL_DISSEMINATION = "legal_dissemination", _("Phổ biến, hướng dẫn pháp luật")
    POLICIES = "policies", _("Chính sách")
    THEME = "theme", _("Chuyên đề")


class CategoryManager(TreeManager.from_queryset(TenantQuerySet)):
    pass


class Category(MPTTModel, TenantOwned):
    parent = TreeForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("chuyên mục cha"),
    )
    name = models.CharField(_("tên chuyên mục"), max_length=200)
    slug = models.SlugField(_("đường dẫn"), max_length=200, blank=True)
    kind = models.CharField(
        _("loại"), max_length=30, choices=CategoryKind.choices, default=CategoryKind.NEWS
    )
    description = models.TextField(_("mô tả"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    in_menu = models.BooleanField(_("hiện trên menu"), default=True)
    on_home = models.BooleanField(_("hiện trên trang chủ"), default=True)
    share_social = models.BooleanField(
        _("mặc định đăng lên mạng xã hội"),
        default=False,
        help_text=_("Tin bài của chuyên mục được đăng lên trang mạng xã hội của đơn vị."),
    )

    objects = CategoryManager()

    class MPTTMeta:
        order_insertion_by = ["order"]

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = pgettext_lazy("plural", "chuyên mục")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "slug"], name="content_category_slug")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(self, self.name_vi or self.name, fallback="chuyen-muc")
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.parent_id and self.tenant_id and self.parent.tenant_id != self.tenant_id:
            raise ValidationError({"parent": _("Chuyên mục cha phải thuộc cùng đơn vị.")})

    def get_absolute_url(self) -> str:
        return reverse("content:category", args=[self.slug])
