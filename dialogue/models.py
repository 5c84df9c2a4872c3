"""Citizen inquiries (Q&A, feedback, petitions), online dialogue sessions and hotlines."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal import files
from portal.files import MB, TenantUploadPath, UploadValidator
from tenants.models import Tenant, TenantOwned, TenantQuerySet

DEFAULT_ANSWER_DAYS = 15  # the old rule for answering citizens: 15 working days
ATTACHMENT_KINDS = frozenset({"pdf", "jpg", "jpeg", "png", "doc", "docx"})
ATTACHMENT_MAX_BYTES = 5 * MB

# No 0/O/1/I/L: a code read over the phone must not be misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12  # 31^12 ≈ 7·10^17 codes: cannot be guessed within any rate limit


def private_storage() -> FileSystemStorage:
    """Citizens' attachments may hold personal data: stored outside MEDIA_ROOT (never
    served by /media/), downloaded only through the admin by the staff handling them.
    Kept here because migration 0003 names it."""
    return files.private_storage()


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalize_tracking_code(value: str) -> str:
    raw = "".join(ch for ch in str(value).upper() if ch.isalnum())
    if len(raw) != CODE_LENGTH:
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class DialogueSettings(TenantOwned):
    """Per-site settings of the inquiry pipeline."""

    answer_days = models.PositiveSmallIntegerField(
        _("thời hạn trả lời (ngày làm việc)"), default=DEFAULT_ANSWER_DAYS
    )

    class Meta:
        verbose_name = _("cấu hình hỏi đáp")
        verbose_name_plural = _("cấu hình hỏi đáp")
        constraints = [
            models.UniqueConstraint(fields=["tenant"], name="dialogue_one_settings_per_tenant")
        ]

    def __str__(self) -> str:
        return str(self.tenant)


class InquiryKind(models.TextChoices):
    QUESTION = "question", _("Hỏi đáp")
    FEEDBACK = "feedback", _("Góp ý")
    REPORT = "report", _("Phản ánh")
    PETITION = "petition", _("Kiến nghị")


class InquiryStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ASSIGNED = "assigned", _("Đã chuyển đơn vị xử lý")
    ANSWERED = "answered", _("Đã trả lời")
    PUBLISHED = "published", _("Đã công khai trả lời")
    DECLINED = "declined", _("Từ chối")


OPEN_STATUSES = (InquiryStatus.RECEIVED, InquiryStatus.ASSIGNED)


class Topic(models.TextChoices):
    ADMINISTRATION = "administration", _("Thủ tục hành chính")
    LAND = "land", _("Đất đai, xây dựng")
    FINANCE = "finance", _("Tài chính, thuế")
    SOCIAL = "social", _("Lao động, chính sách xã hội")
    HEALTH_EDUCATION = "health_education", _("Y tế, giáo dục")
    ENVIRONMENT = "environment", _("Tài nguyên, môi trường")
    BUSINESS = "business", _("Doanh nghiệp, đầu tư")
    OTHER = "other", _("Lĩnh vực khác")


class InquiryQuerySet(TenantQuerySet):
    def published(self) -> InquiryQuerySet:
        return self.filter(status=InquiryStatus.PUBLISHED)

    def open(self) -> InquiryQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None) -> InquiryQuerySet:
        return self.open().filter(deadline__lt=today or timezone.localdate())


class Inquiry(TenantOwned):
    """A question, feedback, report or petition sent to a site (the receiving tenant)."""

    kind = models.CharField(
        _("loại"), max_length=10, choices=InquiryKind.choices, default=InquiryKind.QUESTION
    )
    tracking_code = models.CharField(
        _("mã tra cứu"), max_length=14, unique=True, default=new_tracking_code, editable=False
    )
    # Contact data: shown only to the staff handling the inquiry (Decree 13/2023).
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), max_length=200)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    # Set when the citizen was signed in (citizens app): name verified by the provider.
    citizen = models.ForeignKey(
        "citizens.Citizen",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries",
        editable=False,
        verbose_name=_("công dân đã xác thực"),
    )
    topic = models.CharField(
        _("lĩnh vực"), max_length=20, choices=Topic.choices, default=Topic.OTHER
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"), max_length=5000)
    attachment = models.FileField(
        _("tệp đính kèm"),
        upload_to=TenantUploadPath("dialogue"),
        storage=private_storage,
        blank=True,
        validators=[UploadValidator(ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES)],
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=InquiryStatus.choices,
        default=InquiryStatus.RECEIVED,
        db_index=True,
    )
    assigned_tenant = models.ForeignKey(
        Tenant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị xử lý"),
    )
    received_on = models.DateField(_("ngày tiếp nhận"), default=timezone.localdate)
    deadline = models.DateField(_("hạn trả lời"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True, max_length=20000)
    answer_author = models.CharField(_("đơn vị / người trả lời"), max_length=200, blank=True)
    answer_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người soạn trả lời"),
    )
    answer_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người duyệt trả lời"),
    )
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)
    published_at = models.DateTimeField(_("ngày công khai"), null=True, blank=True)
    decline_reason = models.TextField(_("lý do từ chối"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("ngày gửi"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("cập nhật lúc"))

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu hỏi, góp ý, phản ánh")
        verbose_name_plural = _("hỏi đáp, góp ý, phản ánh")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "status", "-published_at", "-id"]),
            models.Index(fields=["status", "deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} — {self.title}"

    @property
    def handling_tenant_id(self) -> int:
        return self.assigned_tenant_id or self.tenant_id

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class SessionQuerySet(TenantQuerySet):
    def public(self) -> SessionQuerySet:
        return self.filter(is_published=True)


class DialogueSession(TenantOwned):
    """An online dialogue between leaders and citizens, announced ahead with its time."""

    title = models.CharField(_("chủ đề"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=120)
    description = models.TextField(_("giới thiệu"), blank=True)
    leaders = models.TextField(
        _("lãnh đạo tham gia"), blank=True, help_text=_("Mỗi dòng một người: họ tên, chức vụ.")
    )
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    accepts_questions_from = models.DateTimeField(
        _("nhận câu hỏi từ"), null=True, blank=True, help_text=_("Để trống: nhận ngay khi đăng.")
    )
    is_published = models.BooleanField(_("công khai"), default=True)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("tạo lúc"))

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên đối thoại trực tuyến")
        verbose_name_plural = pgettext_lazy("plural", "phiên đối thoại trực tuyến")
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "slug"], name="dialogue_session_slug")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.starts_at:
            return "upcoming"
        if now <= self.ends_at:
            return "live"
        return "finished"

    def accepts_questions(self, now=None) -> bool:
        now = now or timezone.now()
        opened = self.accepts_questions_from is None or now >= self.accepts_questions_from
        return self.is_published and opened and now <= self.ends_at

    @property
    def leader_lines(self) -> list[str]:
        return [line.strip() for line in self.leaders.splitlines() if line.strip()]


class SessionQuestionStatus(models.TextChoices):
    PENDING = "pending", _("Chờ kiểm duyệt")
    ACCEPTED = "accepted", _("Đã nhận")
    MERGED = "merged", _("Đã gộp")
    DECLINED = "declined", _("Không nhận")


class SessionQuestion(models.Model):
    """A citizen's question to a session; moderators accept, merge or decline it."""

    session = models.ForeignKey(
        DialogueSession,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("phiên đối thoại"),
    )
    name = models.CharField(_("họ và tên"), max_length=120)
    email = models.EmailField(_("thư điện tử"), max_length=200, blank=True)
    locality = models.CharField(_("địa chỉ (xã, phường)"), max_length=120, blank=True)
    content = models.TextField(_("câu hỏi"), max_length=3000)
    status = models.CharField(
        _("kiểm duyệt"),
        max_length=10,
        choices=SessionQuestionStatus.choices,
        default=SessionQuestionStatus.PENDING,
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("gộp vào câu hỏi"),
    )
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.CharField(_("lãnh đạo trả lời"), max_length=200, blank=True)
    answered_at = models.DateTimeField(_("lúc trả lời"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("lúc gửi"), auto_now_add=True)

    class Meta:
        verbose_name = _("câu hỏi đối thoại")
        verbose_name_plural = pgettext_lazy("plural", "câu hỏi đối thoại")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.content[:80]


class Hotline(TenantOwned):
    """A hotline of a site (đường dây nóng): purpose, number, hours."""

    purpose = models.CharField(_("nội dung tiếp nhận"), max_length=200)
    number = models.CharField(_("số điện thoại"), max_length=30)
    hours = models.CharField(_("thời gian tiếp nhận"), max_length=200, blank=True)
    is_main = models.BooleanField(
        _("đường dây nóng chính"), default=False, help_text=_("Hiển thị ở chân trang.")
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("đường dây nóng")
        verbose_name_plural = pgettext_lazy("plural", "đường dây nóng")
        ordering = ["-is_main", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant"],
                condition=models.Q(is_main=True),
                name="dialogue_one_main_hotline",
                violation_error_message=_("Đơn vị đã có một đường dây nóng chính."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.purpose}: {self.number}"
