"""Where a site's signing key lives: a PKCS#12 file or a key on a PKCS#11 token."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import TenantOwned


class CredentialKind(models.TextChoices):
    PKCS12 = "pkcs12", _("Tệp PKCS#12 trên máy chủ")
    PKCS11 = "pkcs11", _("Thiết bị ký số PKCS#11 (USB token, HSM)")


class SigningCredential(TenantOwned):
    """Where a site's signing key lives. Secrets never enter the database: a PKCS#12 file
    sits on the server's disk, a PKCS#11 key stays on its token (USB token, HSM); the
    passphrase or PIN comes from the environment (or a root-only file). See
    docs/documents.md."""

    label = models.CharField(_("tên chứng thư"), max_length=160)
    kind = models.CharField(
        _("nơi lưu khóa"),
        max_length=10,
        choices=CredentialKind.choices,
        default=CredentialKind.PKCS12,
    )
    pkcs12_path = models.CharField(
        _("đường dẫn tệp PKCS#12"),
        max_length=500,
        blank=True,
        help_text=_("Đường dẫn trên máy chủ, ngoài thư mục media."),
    )
    pkcs11_module = models.CharField(
        _("mô-đun PKCS#11"),
        max_length=500,
        blank=True,
        help_text=_("Đường dẫn tệp .so của nhà cung cấp thiết bị trên máy chủ ký."),
    )
    pkcs11_token_label = models.CharField(_("nhãn thiết bị (token)"), max_length=64, blank=True)
    pkcs11_key_label = models.CharField(_("nhãn khóa bí mật"), max_length=128, blank=True)
    pkcs11_cert_label = models.CharField(
        _("nhãn chứng thư trên thiết bị"),
        max_length=128,
        blank=True,
        help_text=_("Để trống: dùng nhãn khóa bí mật."),
    )
    passphrase_env = models.CharField(
        _("biến môi trường chứa mật khẩu hoặc mã PIN"),
        max_length=100,
        blank=True,
        help_text=_("Mật khẩu tệp PKCS#12 hoặc mã PIN thiết bị; không lưu trong cơ sở dữ liệu."),
    )
    passphrase_file = models.CharField(
        _("tệp chứa mật khẩu hoặc mã PIN"),
        max_length=500,
        blank=True,
        help_text=_("Dùng khi không đặt biến môi trường (ví dụ dữ liệu mẫu)."),
    )
    timestamp_url = models.URLField(
        _("máy chủ cấp dấu thời gian (TSA)"),
        blank=True,
        help_text=_("Có TSA: chữ ký PAdES B-T; để trống: PAdES B-B."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("chứng thư ký số")
        verbose_name_plural = pgettext_lazy("plural", "chứng thư ký số")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant"], condition=models.Q(is_active=True), name="documents_one_signer"
            )
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        super().clean()
        required = _("Trường này là bắt buộc với loại chứng thư đã chọn.")
        if self.kind == CredentialKind.PKCS11:
            names = ("pkcs11_module", "pkcs11_token_label", "pkcs11_key_label")
        else:
            names = ("pkcs12_path",)
        errors = {name: required for name in names if not getattr(self, name).strip()}
        if self.pkcs11_module and not self.pkcs11_module.startswith("/"):
            errors.setdefault(
                "pkcs11_module", _("Cần đường dẫn tuyệt đối, ví dụ /usr/lib/…/libvendor.so.")
            )
        if self.kind == CredentialKind.PKCS11 and not (
            self.passphrase_env.strip() or self.passphrase_file.strip()
        ):
            # A token without a PIN would sign for anyone who can reach the server.
            errors["passphrase_env"] = _(
                "Thiết bị PKCS#11 cần mã PIN: nhập tên biến môi trường hoặc tệp chứa mã PIN."
            )
        if errors:
            raise ValidationError(errors)
