"""Draft consultations (lấy ý kiến dự thảo) and the comments citizens send."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.files import MB, TenantUploadPath, UploadValidator, private_storage
from portal.publishing import Publishable
from tenants.models import TenantOwned

from .document import Document


class Consultation(Publishable):
    title = models.CharField(_("tên dự thảo"), max_length=500)
    summary = models.TextField(_("tóm tắt nội dung"), blank=True)
    drafting_body = models.CharField(_("cơ quan chủ trì soạn thảo"), max_length=255)
    opens_at = models.DateTimeField(_("bắt đầu nhận ý kiến"))
    closes_at = models.DateTimeField(_("kết thúc nhận ý kiến"))
    draft_file = models.FileField(
        _("tệp dự thảo"),
        upload_to=TenantUploadPath("consultations"),
        validators=[UploadValidator({"pdf", "docx", "doc"}, 50 * MB)],
        blank=True,
    )
    document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("văn bản được ban hành"),
    )
    report = models.TextField(
        _("báo cáo tổng hợp, tiếp thu, giải trình"),
        blank=True,
        help_text=_("Công khai sau khi kết thúc lấy ý kiến."),
    )
    report_file = models.FileField(
        _("tệp báo cáo tổng hợp"),
        upload_to=TenantUploadPath("consultations"),
        validators=[UploadValidator({"pdf", "docx", "doc"}, 50 * MB)],
        blank=True,
    )

    class Meta(Publishable.Meta):
        verbose_name = _("lấy ý kiến dự thảo")
        verbose_name_plural = pgettext_lazy("plural", "lấy ý kiến dự thảo")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:consultation", args=[self.pk])

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def is_closed(self, now=None) -> bool:
        return (now or timezone.now()) >= self.closes_at

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")}
            )


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ kiểm duyệt")
    APPROVED = "approved", _("Đã duyệt, công khai")
    REJECTED = "rejected", _("Không công khai")


class Comment(TenantOwned):
    """A citizen's comment; the tenant is the consultation's, copied for scoping."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments", verbose_name=_("dự thảo")
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"))
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=255, blank=True)
    body = models.TextField(_("nội dung góp ý"), max_length=10000)
    attachment = models.FileField(
        _("tệp đính kèm"),
        upload_to=TenantUploadPath("consultation-comments"),
        storage=private_storage,  # may hold personal data: never under /media/
        validators=[UploadValidator({"pdf", "docx", "doc"}, 10 * MB)],
        blank=True,
    )
    status = models.CharField(
        _("kiểm duyệt"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    created_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)
    # Set when the citizen was signed in with the identity provider: the name is verified.
    citizen = models.ForeignKey(
        "citizens.Citizen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_comments",
        verbose_name=_("công dân đã xác thực"),
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = pgettext_lazy("plural", "ý kiến góp ý")

    def __str__(self) -> str:
        return f"{self.name} — {self.consultation}"

    def discard_attachment(self) -> None:
        """A rejected comment keeps no file: it is never published, and it may hold
        personal data (Decree 13/2023: keep no longer than needed)."""
        if self.attachment:
            self.attachment.delete(save=False)
            type(self).objects.filter(pk=self.pk).update(attachment="")
