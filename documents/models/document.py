"""Legal and administrative documents (văn bản), their files, relations and signing."""

from __future__ import annotations

import hashlib
from datetime import date

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.files import MB, TenantUploadPath, UploadValidator
from portal.freshness import TranslationFreshness
from portal.publishing import Publishable
from tenants.org_names import english_org_name

from ..numbers import fold_text, normalise_number

MAX_FILE_BYTES = 50 * MB


class DocumentKind(models.TextChoices):
    NORMATIVE = "normative", _("Văn bản quy phạm pháp luật")
    DIRECTIVE = "directive", _("Văn bản chỉ đạo điều hành")
    TREATY = "treaty", _("Điều ước, thỏa thuận quốc tế")


class LegalStatus(models.TextChoices):
    """Shown to the public; derived from the dates unless an editor records a partial expiry."""

    NOT_YET = "not_yet", _("Chưa có hiệu lực")
    IN_FORCE = "in_force", _("Còn hiệu lực")
    PARTLY_EXPIRED = "partly_expired", _("Hết hiệu lực một phần")
    EXPIRED = "expired", _("Hết hiệu lực toàn bộ")


class SigningState(models.TextChoices):
    NONE = "", _("Chưa ký")
    QUEUED = "queued", _("Đang chờ ký")
    SIGNED = "signed", _("Đã ký số")
    FAILED = "failed", _("Ký lỗi")


class DocumentType(models.Model):
    """Quyết định, Nghị quyết, Chỉ thị…: one list for the whole province, editable."""

    name = models.CharField(_("tên loại"), max_length=120)
    code = models.CharField(_("ký hiệu"), max_length=20, blank=True, help_text=_("Ví dụ: QĐ"))
    order = models.PositiveIntegerField(_("thứ tự"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("loại văn bản")
        verbose_name_plural = pgettext_lazy("plural", "loại văn bản")

    def __str__(self) -> str:
        return self.name


class DocumentField(models.Model):
    """Lĩnh vực: one list for the whole province."""

    name = models.CharField(_("tên lĩnh vực"), max_length=160)
    order = models.PositiveIntegerField(_("thứ tự"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = pgettext_lazy("plural", "lĩnh vực")

    def __str__(self) -> str:
        return self.name


class Document(Publishable, TranslationFreshness):
    FRESHNESS_FIELDS = ("title", "summary")
    kind = models.CharField(
        _("nhóm văn bản"),
        max_length=12,
        choices=DocumentKind.choices,
        default=DocumentKind.DIRECTIVE,
    )
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("loại văn bản")
    )
    number = models.CharField(
        _("số, ký hiệu"), max_length=80, help_text=_("Ví dụ: 15/2024/QĐ-UBND")
    )
    number_normalised = models.CharField(
        _("số hiệu chuẩn hóa"), max_length=80, editable=False, db_index=True
    )
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=255)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=160, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    # Numbering restarts every year: "12/KH-UBND" of 2023 and of 2024 are two documents.
    issued_year = models.PositiveSmallIntegerField(_("năm ban hành"), editable=False, default=0)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    partly_expired = models.BooleanField(
        _("hết hiệu lực một phần"),
        default=False,
        help_text=_("Đánh dấu khi một số điều khoản đã bị bãi bỏ hoặc thay thế."),
    )
    field = models.ForeignKey(
        DocumentField,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lĩnh vực"),
    )
    title = models.CharField(_("tiêu đề"), max_length=500, blank=True)
    summary = models.TextField(_("trích yếu"))
    summary_folded = models.TextField(_("trích yếu không dấu"), editable=False, default="")
    full_text = models.TextField(_("toàn văn"), blank=True)
    file = models.FileField(
        _("tệp văn bản (PDF, DOCX)"),
        upload_to=TenantUploadPath("documents"),
        validators=[UploadValidator({"pdf", "docx", "doc"}, MAX_FILE_BYTES)],
        blank=True,
    )
    file_sha256 = models.CharField(_("mã băm tệp"), max_length=64, blank=True, editable=False)
    # Signing: the original stays in `file`; the signed copy replaces it publicly.
    signed_file = models.FileField(
        _("bản đã ký số"),
        upload_to=TenantUploadPath("documents-signed"),
        blank=True,
        editable=False,
    )
    signing_state = models.CharField(
        _("trạng thái ký số"),
        max_length=10,
        choices=SigningState.choices,
        default=SigningState.NONE,
        blank=True,
        editable=False,
    )
    signing_error = models.TextField(_("lỗi ký số"), blank=True, editable=False)
    signature_subject = models.CharField(
        _("chủ thể chứng thư"), max_length=500, blank=True, editable=False
    )
    signature_serial = models.CharField(
        _("số hiệu chứng thư"), max_length=80, blank=True, editable=False
    )
    signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True, editable=False)
    signed_sha256 = models.CharField(
        _("SHA-256 bản đã ký"), max_length=64, blank=True, editable=False
    )

    class Meta(Publishable.Meta):
        verbose_name = _("văn bản")
        verbose_name_plural = pgettext_lazy("plural", "văn bản")
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["tenant", "-issued_on", "-id"], name="documents_doc_issued"),
            GinIndex(
                fields=["summary_folded"], name="documents_summary_trgm", opclasses=["gin_trgm_ops"]
            ),
            GinIndex(
                fields=["number_normalised"],
                name="documents_number_trgm",
                opclasses=["gin_trgm_ops"],
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "issuing_body", "number_normalised", "issued_year"],
                name="documents_unique_number_per_issuer_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.doc_type.name if self.doc_type_id else ''} {self.number}".strip()

    def save(self, *args, **kwargs) -> None:
        self.number = " ".join(self.number.split())
        self.number_normalised = normalise_number(self.number)
        if self.issued_on:
            self.issued_year = self.issued_on.year
        texts = [
            getattr(self, f"{name}_{lang}", "")
            for name in ("title", "summary")
            for lang in ("vi", "en")
        ]
        self.summary_folded = fold_text(" ".join(filter(None, texts)))
        if self.file and (not getattr(self.file, "_committed", True) or not self.file_sha256):
            try:
                self.file_sha256 = sha256_of(self.file)
            except OSError:  # a missing file must not block saving the record
                self.file_sha256 = ""
        elif not self.file:
            self.file_sha256 = ""
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.pk and self.signed_file:
            stored = Document.objects.filter(pk=self.pk).values_list("file", flat=True).first()
            if stored != self.file.name:
                raise ValidationError(
                    {"file": _("Văn bản đã ký số: không thay được tệp gốc của bản đã ký.")}
                )

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    @property
    def display_title(self) -> str:
        return self.title or self.summary

    @property
    def issuer_in_language(self) -> str:
        """The issuing body in the active language: an issuer that is the owning site or
        its governing body (the usual case) reads as that site's English name on /en/."""
        if get_language() != "en":
            return self.issuing_body
        site = self.tenant
        for vietnamese, english in (
            (site.name_vi, site.name_en),
            (site.governing_body_vi, site.governing_body_en),
        ):
            if (
                vietnamese
                and english
                and self.issuing_body.strip().casefold() == vietnamese.strip().casefold()
            ):
                return english
        return english_org_name(self.issuing_body) or self.issuing_body

    @property
    def public_file(self):
        """What citizens download: the signed copy once there is one."""
        return self.signed_file or self.file

    @property
    def is_pdf(self) -> bool:
        return bool(self.public_file) and self.public_file.name.lower().endswith(".pdf")

    def legal_status(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if self.expires_on and self.expires_on <= today:
            return LegalStatus.EXPIRED
        if (self.effective_on or self.issued_on) > today:
            return LegalStatus.NOT_YET
        if self.partly_expired:
            return LegalStatus.PARTLY_EXPIRED
        return LegalStatus.IN_FORCE

    def get_legal_status_display(self) -> str:
        return LegalStatus(self.legal_status()).label


def sha256_of(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("Sửa đổi, bổ sung")
    REPLACES = "replaces", _("Thay thế")
    GUIDES = "guides", _("Hướng dẫn")
    REPEALS = "repeals", _("Bãi bỏ")


# How a relation reads from the other side ("is amended by").
REVERSE_LABELS = {
    RelationKind.AMENDS: _("Được sửa đổi, bổ sung bởi"),
    RelationKind.REPLACES: _("Bị thay thế bởi"),
    RelationKind.GUIDES: _("Được hướng dẫn bởi"),
    RelationKind.REPEALS: _("Bị bãi bỏ bởi"),
}


class Relation(models.Model):
    """`source` amends/replaces/guides `target`; the target may belong to a parent site."""

    source = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("văn bản")
    )
    target = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="relations_in",
        verbose_name=_("văn bản liên quan"),
    )
    kind = models.CharField(_("quan hệ"), max_length=10, choices=RelationKind.choices)

    class Meta:
        verbose_name = _("văn bản liên quan")
        verbose_name_plural = pgettext_lazy("plural", "văn bản liên quan")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="documents_one_rel")
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.get_kind_display()} → {self.target}"


class Attachment(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("văn bản")
    )
    title = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(
        _("tệp"),
        upload_to=TenantUploadPath("documents-attachments"),
        validators=[UploadValidator({"pdf", "docx", "doc", "xlsx", "xls"}, MAX_FILE_BYTES)],
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = pgettext_lazy("plural", "tệp đính kèm")

    def __str__(self) -> str:
        return self.title

    @property
    def tenant_id(self) -> int:
        return self.document.tenant_id
