"""Admin: a site's channels (site administrators only; the token is write-only) and
the outbox of posts with their status, read-only, with "Thử lại ngay"."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content.models import Article
from tenants.access import ADMIN_ROLES, tenant_ids_for
from tenants.admin_scoping import TenantScopedAdmin, TenantScopedInline
from tenants.models import Role

from . import crypto, publishing
from .models import Channel, Post

KEEP_HELP = gettext_lazy("Lưu mã hóa; không bao giờ hiển thị lại. Để trống để giữ mã đang dùng.")


def _secret_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=KEEP_HELP,
    )


class ChannelForm(forms.ModelForm):
    """Secrets are write-only: typed in, encrypted, never rendered back."""

    token = _secret_field(gettext_lazy("mã truy cập (access token)"))
    app_secret = _secret_field(gettext_lazy("App secret (Zalo)"))
    refresh_token = _secret_field(gettext_lazy("Refresh token (Zalo)"))

    class Meta:
        model = Channel
        fields = ["tenant", "network", "name", "account_id", "app_id", "is_active"]

    def clean(self):
        data = super().clean()
        has = {
            "token": data.get("token") or self.instance.token_encrypted,
            "secret": data.get("app_secret") or self.instance.app_secret_encrypted,
            "refresh": data.get("refresh_token") or self.instance.refresh_token_encrypted,
        }
        renewable = bool(data.get("app_id") and has["secret"] and has["refresh"])
        if not has["token"] and not renewable:
            self.add_error("token", _("Vui lòng nhập mã truy cập của trang."))
        return data

    def save(self, commit=True):
        channel = super().save(commit=False)
        data = self.cleaned_data
        # Typed-in values replace the stored ones; the others are re-encrypted with the
        # newest key (rotation).
        if data.get("token"):
            channel.set_token(data["token"])
            channel.token_expires_at = None  # unknown: a renewable channel renews it first
        elif channel.token_encrypted:
            channel.set_token(channel.token())
        for name, reader in (
            ("app_secret", channel.app_secret),
            ("refresh_token", channel.refresh_token),
        ):
            value = data.get(name) or reader()
            setattr(channel, f"{name}_encrypted", crypto.encrypt(value) if value else "")
        if commit:
            channel.save()
        return channel


class SiteAdminOnly:
    """Credentials are the site administrator's: editors and approvers don't see the
    channels; auditors read them (never the token, which no page shows)."""

    edit_roles = ADMIN_ROLES

    def readable_ids(self, request):
        if request.user.is_superuser:
            return None
        return tenant_ids_for(request.user, ADMIN_ROLES | {Role.AUDITOR})


@admin.register(Channel)
class ChannelAdmin(SiteAdminOnly, TenantScopedAdmin):
    form = ChannelForm
    list_display = ("name", "network", "account_id", "is_active", "has_token", "tenant")
    list_filter = ("network", "is_active")
    fields = (
        "tenant",
        "network",
        "name",
        "account_id",
        "token",
        "app_id",
        "app_secret",
        "refresh_token",
        "token_expires_at",
        "is_active",
    )
    readonly_fields = ("token_expires_at",)

    @admin.display(description=gettext_lazy("có mã truy cập"), boolean=True)
    def has_token(self, obj: Channel) -> bool:
        return obj.has_token


@admin.register(Post)
class PostAdmin(TenantScopedAdmin):
    list_display = (
        "article",
        "channel_name",
        "wanted",
        "status",
        "remote_id",
        "attempts",
        "next_attempt_at",
        "short_error",
    )
    list_filter = ("status", "wanted", "channel__network")
    list_select_related = ("article", "channel")
    search_fields = ("article__title", "remote_id")
    readonly_fields = (
        "article",
        "channel",
        "wanted",
        "status",
        "remote_id",
        "attempts",
        "last_error",
        "next_attempt_at",
        "posted_at",
        "withdrawn_at",
        "updated_at",
    )
    fields = readonly_fields
    actions = ["retry_selected"]

    def has_add_permission(self, request, obj=None):
        return False  # posts come from publishing articles

    def has_delete_permission(self, request, obj=None):
        return False  # the record of what went out stays

    @admin.display(description=gettext_lazy("lỗi gần nhất"))
    def short_error(self, obj: Post) -> str:
        return obj.last_error[:80]

    @admin.display(description=gettext_lazy("kênh"), ordering="channel__name")
    def channel_name(self, obj: Post) -> str:
        network = "Facebook" if obj.channel.network == "facebook" else "Zalo"
        return f"{network}: {obj.channel.name}"

    @admin.action(description=gettext_lazy("Thử lại ngay các bài đã chọn"))
    def retry_selected(self, request, queryset):
        editable = self.editable_ids(request)
        if editable is not None:
            queryset = queryset.filter(tenant__in=editable)
        count = publishing.retry_now(queryset)
        messages.success(
            request, _("Đã đưa %(count)d bài vào hàng chờ gửi lại.") % {"count": count}
        )


class PostInline(TenantScopedInline, admin.TabularInline):
    """On the article's page: where it was posted, with status and remote id (read-only)."""

    model = Post
    fk_name = "article"
    extra = 0
    can_delete = False
    fields = ("channel", "status", "remote_id", "attempts", "next_attempt_at", "last_error")
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("Đăng lên trang mạng xã hội")

    def has_view_permission(self, request, obj=None):
        # Display only: left out of a save, so that saving an article never depends on
        # this inline's (empty) management form.
        if request.method == "POST":
            return False
        return super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _show_posts_on_articles() -> None:
    # Attached from here so that content does not depend on social.
    article_admin = admin.site._registry.get(Article)
    if article_admin is not None and PostInline not in article_admin.inlines:
        article_admin.inlines = [*article_admin.inlines, PostInline]


_show_posts_on_articles()
