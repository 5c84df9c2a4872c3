"""Admin of the content app: every class is tenant-scoped; articles use the shared workflow."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin
from mptt.admin import MPTTModelAdmin

from portal.publishing_admin import PublishableAdmin
from portal.rules import RuleError
from tenants.access import ADMIN_ROLES, PUBLISHING_ROLES
from tenants.admin_scoping import TenantScopedAdmin, TenantScopedInline

from . import preview, revisions, rich_text, syndication
from .models import (
    Alert,
    Article,
    ArticleAttachment,
    ArticleRevision,
    Banner,
    Category,
    ContactOfficial,
    HistoryEntry,
    Image,
    Leader,
    Link,
    LocalityPage,
    OrgUnit,
    SiteHero,
    Syndication,
)
from .widgets import RichTextWidget


@admin.register(Category)
class CategoryAdmin(TenantScopedAdmin, TranslationAdmin, MPTTModelAdmin):
    list_display = ("name", "kind", "in_menu", "on_home", "order", "tenant")
    list_filter = ("kind",)
    search_fields = ("name",)
    fields = (
        "tenant",
        "parent",
        "name",
        "slug",
        "kind",
        "description",
        "order",
        "in_menu",
        "on_home",
        "share_social",
    )


class AttachmentInline(TenantScopedInline, admin.TabularInline):
    model = ArticleAttachment
    extra = 0


class ShareSocialSelect(forms.NullBooleanSelect):
    """The article's tick for social publishing; empty follows the category's default."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [
            ("unknown", gettext_lazy("Theo mặc định của chuyên mục")),
            ("true", gettext_lazy("Có")),
            ("false", gettext_lazy("Không")),
        ]


@admin.register(Article)
class ArticleAdmin(PublishableAdmin, TranslationAdmin):
    change_form_template = "admin/content/article/change_form.html"
    list_display = ("title", "category", "status", "published_at", "featured", "tenant")
    list_filter = ("featured", "category__kind")
    search_fields = ("title", "slug")
    date_hierarchy = "published_at"
    list_select_related = ("category", "tenant")
    autocomplete_fields = ()
    filter_horizontal = ("related",)
    inlines = [AttachmentInline]
    actions = [*PublishableAdmin.actions, "propose_selected", "withdraw_selected"]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:  # the draft as it will appear, on its site's own host
            context["preview_url"] = preview.preview_url(obj, request)
        return super().render_change_form(request, context, add, change, form_url, obj)

    fieldsets = (
        (None, {"fields": ("tenant", "category", "title", "slug", "summary", "body", "cover")}),
        (
            gettext_lazy("Thông tin thêm"),
            {
                "fields": (
                    "author",
                    "source",
                    "featured",
                    "share_social",
                    "related",
                    "publish_at",
                    "unpublish_at",
                )
            },
        ),
        (
            gettext_lazy("Quy trình"),
            {"fields": ("status", "published_at", "review_note", "parent_portal")},
        ),
    )

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "parent_portal")

    @admin.display(description=gettext_lazy("cổng cấp trên"))
    def parent_portal(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "—"
        rows = [
            f"{s.tenant.name}: {s.get_status_display()}" + (f" ({s.reason})" if s.reason else "")
            for s in obj.syndications.select_related("tenant")
        ]
        return "; ".join(rows) or _("Chưa đề xuất")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name.startswith("body"):
            field.widget = RichTextWidget()
        if field is not None and db_field.name == "share_social":
            field.widget = ShareSocialSelect()
        return field

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body_vi", "body_en")

    def save_model(self, request, obj, form, change):
        if obj.category_id and obj.category.tenant_id != obj.tenant_id:
            raise PermissionDenied(_("Chuyên mục phải thuộc cùng đơn vị với tin bài."))
        super().save_model(request, obj, form, change)

    @admin.action(description=gettext_lazy("Đề xuất lên cổng cấp trên"))
    def propose_selected(self, request, queryset):
        self._run(request, queryset, syndication.propose_to_parent, _("Đã đề xuất %(count)d tin."))

    @admin.action(description=gettext_lazy("Rút lại khỏi cổng cấp trên"))
    def withdraw_selected(self, request, queryset):
        self._run(request, queryset, syndication.withdraw, _("Đã rút lại %(count)d tin."))

    # --- version history -------------------------------------------------------------
    def get_urls(self):
        urls = [
            path(
                "<int:object_id>/phien-ban/",
                self.admin_site.admin_view(self.revisions_view),
                name="content_article_revisions",
            ),
            path(
                "thu-vien-anh/",
                self.admin_site.admin_view(self.library_view),
                name="content_article_library",
            ),
            path(
                "lien-ket-noi-bo/",
                self.admin_site.admin_view(self.links_view),
                name="content_article_links",
            ),
        ]
        return urls + super().get_urls()

    def _editor_site(self, request) -> tuple[int | None, JsonResponse | None]:
        """The site the editor's picker asks about, if the user may write for it."""
        raw = request.GET.get("tenant", "")
        tenant_id = int(raw) if raw.isdigit() else None
        editable = self.editable_ids(request)
        if tenant_id is None:
            error = _("Hãy chọn đơn vị của tin bài trước.")
            return None, JsonResponse({"error": error}, status=400)
        if editable is not None and tenant_id not in editable:
            error = _("Bạn không có quyền với dữ liệu của đơn vị khác.")
            return None, JsonResponse({"error": error}, status=403)
        return tenant_id, None

    def library_view(self, request) -> JsonResponse:
        """The editor's image picker: the library of one site the user may write for."""
        tenant_id, refusal = self._editor_site(request)
        return refusal or JsonResponse({"images": rich_text.picker_entries(tenant_id)})

    def links_view(self, request) -> JsonResponse:
        """The link dialog's suggestions: that site's categories and newest articles."""
        tenant_id, refusal = self._editor_site(request)
        return refusal or JsonResponse({"links": rich_text.internal_links(tenant_id)})

    def revisions_view(self, request, object_id: int):
        article = self.get_object(request, str(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request, article):
                raise PermissionDenied
            revision = get_object_or_404(
                ArticleRevision, pk=request.POST.get("revision") or 0, article=article
            )
            try:
                revisions.restore(revision, by=request.user)
                messages.success(request, _("Đã khôi phục phiên bản đã chọn."))
            except revisions.RevisionError as error:
                messages.error(request, str(error))
            return redirect(reverse("admin:content_article_change", args=[article.pk]))
        return TemplateResponse(
            request,
            "admin/content/article_revisions.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": article,
                "title": _("Lịch sử phiên bản"),
                "revisions": article.revisions.all()[:50],
                "can_restore": self.has_change_permission(request, article),
            },
        )


@admin.register(Syndication)
class SyndicationAdmin(TenantScopedAdmin):
    """The parent portal's queue of proposed articles: accept or reject."""

    edit_roles = PUBLISHING_ROLES
    list_display = ("article", "source_site", "status", "proposed_at", "decided_at")
    list_filter = ("status",)
    list_select_related = ("article", "article__tenant")
    readonly_fields = ("article", "status", "proposed_at", "decided_at", "decided_by", "reason")
    fields = readonly_fields
    actions = ["accept_selected", "reject_selected"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=gettext_lazy("đơn vị gửi"))
    def source_site(self, obj) -> str:
        return obj.article.tenant.name

    def _run(self, request, queryset, function, done, **kwargs):
        count = 0
        for item in queryset:
            try:
                function(item, by=request.user, **kwargs)
                count += 1
            except RuleError as error:
                messages.error(request, f"{item}: {error}")
        if count:
            messages.success(request, done % {"count": count})

    @admin.action(description=gettext_lazy("Tiếp nhận, đăng trên cổng"))
    def accept_selected(self, request, queryset):
        self._run(request, queryset, syndication.accept, _("Đã tiếp nhận %(count)d tin."))

    @admin.action(description=gettext_lazy("Không tiếp nhận (ghi lý do)"))
    def reject_selected(self, request, queryset):
        if "reason" in request.POST:
            reason = request.POST.get("reason", "")
            self._run(
                request, queryset, syndication.reject, _("Đã từ chối %(count)d tin."), reason=reason
            )
            return None
        return TemplateResponse(
            request,
            "admin/publishing/reject.html",
            {
                **self.admin_site.each_context(request),
                "queryset": queryset,
                "opts": self.model._meta,
                "action": "reject_selected",
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "title": _("Không tiếp nhận tin đề xuất"),
            },
        )


@admin.register(Image)
class ImageAdmin(TenantScopedAdmin, TranslationAdmin):
    list_display = ("alt", "width", "height", "created_at", "tenant")
    search_fields = ("alt", "caption")
    fields = ("tenant", "file", "alt", "caption", "credit")
    # The upload checks (magic bytes, size, pixels) give the messages; Django's own
    # image field would answer first with a vaguer one.
    formfield_overrides = {models.ImageField: {"form_class": forms.FileField}}


class SimpleTenantAdmin(TenantScopedAdmin, TranslationAdmin):
    list_display = ("__str__", "tenant")


@admin.register(OrgUnit)
class OrgUnitAdmin(TenantScopedAdmin, TranslationAdmin, MPTTModelAdmin):
    list_display = ("name", "order", "tenant")
    formfield_overrides = {models.TextField: {"widget": admin.widgets.AdminTextareaWidget}}


@admin.register(Leader)
class LeaderAdmin(SimpleTenantAdmin):
    list_display = ("name", "title", "order", "tenant")


@admin.register(ContactOfficial)
class ContactOfficialAdmin(SimpleTenantAdmin):
    list_display = ("name", "title", "unit", "phone", "email", "tenant")


@admin.register(HistoryEntry)
class HistoryEntryAdmin(SimpleTenantAdmin):
    list_display = ("period", "title", "tenant")


@admin.register(LocalityPage)
class LocalityPageAdmin(SimpleTenantAdmin):
    list_display = ("title", "kind", "tenant")


@admin.register(Link)
class LinkAdmin(SimpleTenantAdmin):
    list_display = ("title", "group", "url", "order", "tenant")


@admin.register(Banner)
class BannerAdmin(SimpleTenantAdmin):
    list_display = ("title", "url", "is_active", "order", "tenant")


@admin.register(SiteHero)
class SiteHeroAdmin(TenantScopedAdmin):
    """The home page's picture is the site's identity: its admins choose it."""

    edit_roles = ADMIN_ROLES
    list_display = ("__str__", "tenant")
    fields = ("tenant", "image")
    list_select_related = ("image", "tenant")


@admin.register(Alert)
class AlertAdmin(SimpleTenantAdmin):
    list_display = ("message", "starts_at", "ends_at", "tenant")
