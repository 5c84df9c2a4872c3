"""A site's social channels (with their encrypted credentials) and the outbox of posts:
one row per article and channel, holding what should be there (`wanted`), what is
(`status`, `remote_id`) and when to try again."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import TenantOwned

from . import crypto


class Network(models.TextChoices):
    FACEBOOK = "facebook", _("Trang Facebook (Graph API)")
    ZALO = "zalo", _("Zalo Official Account (API bài viết)")


class Channel(TenantOwned):
    network = models.CharField(_("mạng xã hội"), max_length=20, choices=Network.choices)
    name = models.CharField(_("tên trang"), max_length=200)
    account_id = models.CharField(
        _("mã trang / mã OA"),
        max_length=100,
        help_text=_("Facebook: Page ID. Zalo: OA ID (chỉ để đối chiếu)."),
    )
    token_encrypted = models.TextField(
        editable=False, default="", verbose_name=_("khóa truy cập (đã mã hóa)")
    )
    # Zalo OA: an access token lasts about 25 hours. With the app's id and secret and a
    # refresh token (single use, about 3 months) a new pair is fetched before it expires.
    app_id = models.CharField(_("mã ứng dụng Zalo (App ID)"), max_length=100, blank=True)
    app_secret_encrypted = models.TextField(
        editable=False, default="", verbose_name=_("khóa bí mật ứng dụng (đã mã hóa)")
    )
    refresh_token_encrypted = models.TextField(
        editable=False, default="", verbose_name=_("khóa làm mới (đã mã hóa)")
    )
    token_expires_at = models.DateTimeField(
        _("mã truy cập hết hạn lúc"), null=True, blank=True, editable=False
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("kênh mạng xã hội")
        verbose_name_plural = pgettext_lazy("plural", "kênh mạng xã hội")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "network", "account_id"], name="social_channel_once_per_site"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_network_display()}: {self.name}"

    def set_token(self, token: str) -> None:
        self.token_encrypted = crypto.encrypt(token)

    def token(self) -> str:
        return crypto.decrypt(self.token_encrypted) if self.token_encrypted else ""

    def app_secret(self) -> str:
        return crypto.decrypt(self.app_secret_encrypted) if self.app_secret_encrypted else ""

    def refresh_token(self) -> str:
        encrypted = self.refresh_token_encrypted
        return crypto.decrypt(encrypted) if encrypted else ""

    @property
    def can_refresh(self) -> bool:
        return bool(self.app_id and self.app_secret_encrypted and self.refresh_token_encrypted)

    @property
    def has_token(self) -> bool:
        return bool(self.token_encrypted)


class Wanted(models.TextChoices):
    PUBLISH = "publish", _("Đăng")
    WITHDRAW = "withdraw", _("Gỡ")


class PostStatus(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    POSTED = "posted", _("Đã đăng")
    RETRYING = "retrying", _("Lỗi – sẽ thử lại")
    FAILED = "failed", _("Lỗi – đã dừng thử")
    WITHDRAWN = "withdrawn", _("Đã gỡ")


class Post(TenantOwned):
    article = models.ForeignKey(
        "content.Article",
        on_delete=models.CASCADE,
        related_name="social_posts",
        verbose_name=_("tin bài"),
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, related_name="posts", verbose_name=_("kênh")
    )
    wanted = models.CharField(_("yêu cầu"), max_length=10, choices=Wanted.choices)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=PostStatus.choices, default=PostStatus.PENDING
    )
    remote_id = models.CharField(_("mã bài trên mạng xã hội"), max_length=200, blank=True)
    # Zalo creates articles asynchronously: the token of a created, not yet verified
    # article is kept so that a retry verifies it instead of creating a second one.
    pending_token = models.CharField(
        max_length=500, blank=True, editable=False, verbose_name=_("khóa đang chờ xác nhận")
    )
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    next_attempt_at = models.DateTimeField(_("thử lại lúc"), null=True, blank=True)
    posted_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("gỡ lúc"), null=True, blank=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("bài đăng mạng xã hội")
        verbose_name_plural = pgettext_lazy("plural", "bài đăng mạng xã hội")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "channel"], name="social_post_once")
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="social_post_due")]

    def __str__(self) -> str:
        return f"{self.article} → {self.channel}"
