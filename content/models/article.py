"""Articles, their attachments and revisions, and their proposal to the parent portal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.files import MB, TenantUploadPath, UploadValidator
from portal.freshness import TranslationFreshness
from portal.publishing import Publishable
from portal.slugs import unique_slug
from tenants.models import TenantOwned

from ..sanitize import sanitize_body

DOCUMENT_KINDS = {"pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"}


class Article(Publishable, TranslationFreshness):
    FRESHNESS_FIELDS = ("title", "summary", "body")
    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=220, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    category = models.ForeignKey(
        "content.Category",
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("chuyên mục"),
    )
    cover = models.ForeignKey(
        "content.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ảnh đại diện"),
    )
    author = models.CharField(_("tác giả"), max_length=200, blank=True)
    source = models.CharField(_("nguồn tin"), max_length=300, blank=True)
    featured = models.BooleanField(_("tin nổi bật"), default=False)
    # None follows the category's default (social/publishing.py).
    share_social = models.BooleanField(
        _("Đăng lên trang mạng xã hội"),
        null=True,
        blank=True,
        default=None,
        help_text=_(
            "Khi đăng, gửi tiêu đề, tóm tắt, liên kết và ảnh đại diện lên trang Facebook, "
            "Zalo OA của đơn vị. Để trống: theo mặc định của chuyên mục."
        ),
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name=_("tin liên quan")
    )
    view_count = models.PositiveBigIntegerField(_("lượt xem"), default=0, editable=False)

    class Meta(Publishable.Meta):
        verbose_name = _("tin bài")
        verbose_name_plural = pgettext_lazy("plural", "tin bài")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "slug"], name="content_article_slug")
        ]
        indexes = [
            *Publishable.Meta.indexes,
            # Keyset pagination of a category: (published_at, id) descending.
            models.Index(
                fields=["category", "status", "-published_at", "-id"], name="content_article_cat"
            ),
            models.Index(
                fields=["tenant", "status", "-published_at", "-id"], name="content_article_seek"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        for code, _name in settings.LANGUAGES:
            field = f"body_{code}"
            value = getattr(self, field, None)
            if value:
                setattr(self, field, sanitize_body(value))
        if not self.slug:
            title = self.title_vi or self.title or ""
            self.slug = unique_slug(self, title, fallback="tin-bai", max_length=200)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        if self.category_id and self.tenant_id and self.category.tenant_id != self.tenant_id:
            errors["category"] = _("Chuyên mục phải thuộc cùng đơn vị với tin bài.")
        if self.cover_id and self.tenant_id and self.cover.tenant_id != self.tenant_id:
            errors["cover"] = _("Ảnh phải thuộc thư viện ảnh của đơn vị.")
        if self.tenant_id:
            from ..rich_text import body_image_errors

            for code, _name in settings.LANGUAGES:
                problems = body_image_errors(
                    getattr(self, f"body_{code}", "") or "", self.tenant_id
                )
                if problems:
                    errors[f"body_{code}"] = problems
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        return reverse("content:article", args=[self.slug])


class ArticleAttachment(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("tin bài")
    )
    title = models.CharField(_("tên tệp"), max_length=300)
    file = models.FileField(
        _("tệp"),
        upload_to=TenantUploadPath("attachments"),
        validators=[UploadValidator(DOCUMENT_KINDS, 30 * MB)],
    )

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = pgettext_lazy("plural", "tệp đính kèm")

    def __str__(self) -> str:
        return self.title

    @property
    def tenant_id(self) -> int:  # TenantUploadPath files it under the article's tenant
        return self.article.tenant_id


class ArticleRevision(models.Model):
    """A snapshot of the editable text of an article, kept on every change."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("tin bài")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    data = models.JSONField(verbose_name=_("dữ liệu"))

    class Meta:
        verbose_name = _("phiên bản")
        verbose_name_plural = pgettext_lazy("plural", "phiên bản")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class SyndicationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đang đề xuất")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    REJECTED = "rejected", _("Không tiếp nhận")
    WITHDRAWN = "withdrawn", _("Đã rút lại")


class Syndication(TenantOwned):
    """An article proposed by a component site to its parent portal (`tenant`)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="syndications", verbose_name=_("tin bài")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=SyndicationStatus.choices,
        default=SyndicationStatus.PROPOSED,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người đề xuất"),
    )
    proposed_at = models.DateTimeField(_("đề xuất lúc"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người quyết định"),
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("tin đề xuất lên cổng cấp trên")
        verbose_name_plural = pgettext_lazy("plural", "tin đề xuất lên cổng cấp trên")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "article"], name="content_syndication_once")
        ]
        indexes = [models.Index(fields=["tenant", "status", "-decided_at"])]

    def __str__(self) -> str:
        return str(self.article)

    def get_absolute_url(self) -> str:
        return reverse("content:syndicated", args=[self.pk])
