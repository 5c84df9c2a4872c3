"""A citizen who signed in through the identity provider: only the claims we need."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Citizen(models.Model):
    """One person known to the identity provider (`issuer`, `subject`).

    Personal data (Decree 13/2023): the verified name and the contact the citizen
    agreed to share, nothing else — no identity number, birth date or address. The
    record is erased with `accounts.delete_account`.
    """

    issuer = models.CharField(_("nhà cung cấp định danh"), max_length=300)
    subject = models.CharField(_("mã định danh (sub)"), max_length=255)
    name = models.CharField(_("họ và tên đã xác thực"), max_length=200, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("lần đăng nhập gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("công dân đăng nhập")
        verbose_name_plural = pgettext_lazy("plural", "công dân đăng nhập")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="citizens_one_per_subject")
        ]

    def __str__(self) -> str:
        return self.name or self.subject
