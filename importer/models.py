"""Source profiles (how to read one old site) and the import journal (what became of each
old URL), so that a run can be repeated, resumed and audited."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import TenantOwned


class ItemKind(models.TextChoices):
    ARTICLE = "article", _("Tin bài")
    DOCUMENT = "document", _("Văn bản")
    QA = "qa", _("Hỏi đáp")
    FILE = "file", _("Ảnh, tệp")


class SourceProfile(TenantOwned):
    """One old site and how its pages map onto the target site (`tenant`).

    `sources` lists where items are found, each {"url", "category", "kind"}: a listing
    page (followed through `next_page_selector`), an RSS/Atom feed or a sitemap.
    Selectors are optional: without them the main text is found automatically.
    """

    name = models.CharField(_("tên nguồn"), max_length=200)
    slug = models.SlugField(_("mã nguồn"), max_length=80)
    base_url = models.URLField(
        _("địa chỉ trang cũ"),
        help_text=_("Ví dụ https://xaanbinh.gov.vn/ — chỉ đọc các trang trên tên miền này."),
    )
    old_hostnames = models.TextField(
        _("tên miền cũ khác"),
        blank=True,
        help_text=_("Mỗi dòng một tên miền; đường dẫn cũ trên các tên miền này cũng chuyển hướng."),
    )
    sources = models.JSONField(
        _("nguồn tin"),
        default=list,
        help_text=_(
            'Danh sách {"url": …, "category": mã chuyên mục, "kind": "article" | "document" '
            '| "qa"}: trang danh sách, RSS hoặc sitemap.'
        ),
    )
    item_link_selector = models.CharField(
        _("bộ chọn liên kết bài trên trang danh sách"), max_length=300, blank=True
    )
    next_page_selector = models.CharField(_("bộ chọn trang sau"), max_length=300, blank=True)
    title_selector = models.CharField(_("bộ chọn tiêu đề"), max_length=300, blank=True)
    date_selector = models.CharField(_("bộ chọn ngày đăng"), max_length=300, blank=True)
    summary_selector = models.CharField(_("bộ chọn tóm tắt"), max_length=300, blank=True)
    body_selector = models.CharField(_("bộ chọn nội dung"), max_length=300, blank=True)
    image_selector = models.CharField(_("bộ chọn ảnh"), max_length=300, blank=True)
    attachment_selector = models.CharField(_("bộ chọn tệp đính kèm"), max_length=300, blank=True)
    publish = models.BooleanField(
        _("đăng ngay"), default=False, help_text=_("Bỏ chọn: các mục được tạo ở dạng bản nháp.")
    )
    delay_seconds = models.FloatField(_("giãn cách giữa hai lần tải (giây)"), default=1.0)
    timeout_seconds = models.FloatField(_("thời gian chờ tối đa (giây)"), default=20.0)
    max_page_bytes = models.PositiveIntegerField(
        _("dung lượng trang tối đa (byte)"), default=5_000_000
    )
    max_file_bytes = models.PositiveIntegerField(
        _("dung lượng tệp tối đa (byte)"), default=30_000_000
    )
    max_items = models.PositiveIntegerField(
        _("số mục tối đa mỗi lần chạy"), default=0, help_text=_("0: không giới hạn.")
    )
    respect_robots = models.BooleanField(_("tuân thủ robots.txt"), default=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))

    class Meta:
        verbose_name = _("nguồn dữ liệu cũ")
        verbose_name_plural = pgettext_lazy("plural", "nguồn dữ liệu cũ")
        constraints = [
            models.UniqueConstraint(fields=["tenant", "slug"], name="importer_profile_slug")
        ]

    def __str__(self) -> str:
        return self.name

    def hostnames(self) -> list[str]:
        from urllib.parse import urlsplit

        names = [urlsplit(self.base_url).netloc.lower()]
        names += [h.strip().lower() for h in self.old_hostnames.splitlines() if h.strip()]
        return list(dict.fromkeys(n for n in names if n))


class RunState(models.TextChoices):
    QUEUED = "queued", _("Chờ chạy")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn tất")
    FAILED = "failed", _("Dừng do lỗi")


class ImportRun(TenantOwned):
    """One run of a profile: a dry run (report only) or an import (journal in ImportItem)."""

    profile = models.ForeignKey(
        SourceProfile, on_delete=models.CASCADE, related_name="runs", verbose_name=_("nguồn")
    )
    dry_run = models.BooleanField(_("chạy thử"), default=False)
    update_done = models.BooleanField(_("cập nhật mục đã nhập"), default=False)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=RunState.choices, default=RunState.QUEUED
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người chạy"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    total = models.PositiveIntegerField(_("số mục tìm thấy"), default=0)
    processed = models.PositiveIntegerField(_("đã xử lý"), default=0)
    created = models.PositiveIntegerField(_("tạo mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    skipped = models.PositiveIntegerField(_("bỏ qua"), default=0)
    failed = models.PositiveIntegerField(_("lỗi"), default=0)
    report = models.TextField(_("báo cáo"), blank=True)

    class Meta:
        verbose_name = _("lần chuyển dữ liệu")
        verbose_name_plural = pgettext_lazy("plural", "lần chuyển dữ liệu")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.profile} #{self.pk}"


class ItemState(models.TextChoices):
    DONE = "done", _("Đã nhập")
    FAILED = "failed", _("Lỗi")
    SKIPPED = "skipped", _("Bỏ qua")


class ImportItem(models.Model):
    """The journal: one row per old URL of a profile. The key that makes runs idempotent."""

    profile = models.ForeignKey(
        SourceProfile, on_delete=models.CASCADE, related_name="items", verbose_name=_("nguồn nhập")
    )
    run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        related_name="items",
        verbose_name=_("lần chạy"),
    )
    source_url = models.URLField(_("địa chỉ cũ"), max_length=2000)
    kind = models.CharField(_("loại"), max_length=10, choices=ItemKind.choices)
    state = models.CharField(_("kết quả"), max_length=10, choices=ItemState.choices)
    message = models.TextField(_("ghi chú"), blank=True)
    title = models.CharField(_("tiêu đề"), max_length=300, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, verbose_name=_("mã băm nội dung"))
    # What the item became, e.g. "content.article" and its id.
    target_label = models.CharField(max_length=60, blank=True, verbose_name=_("loại mục được tạo"))
    target_id = models.PositiveBigIntegerField(
        null=True, blank=True, verbose_name=_("mã mục được tạo")
    )
    new_path = models.CharField(_("địa chỉ mới"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("cập nhật lúc"))

    class Meta:
        verbose_name = _("mục đã chuyển")
        verbose_name_plural = pgettext_lazy("plural", "mục đã chuyển")
        constraints = [
            models.UniqueConstraint(fields=["profile", "source_url"], name="importer_item_url")
        ]

    def __str__(self) -> str:
        return self.source_url
