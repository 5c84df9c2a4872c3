"""Account actions offered on the memberships list: a site administrator sees only the
members of their own sites there, so the actions reach no one else."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.client_address import client_address
from tenants.models import Membership

from . import lockout, second_factor


@admin.action(description=gettext_lazy("Mở khóa đăng nhập cho người dùng đã chọn"))
def unlock_sign_in(modeladmin, request, queryset) -> None:
    users = get_user_model().objects.filter(pk__in=queryset.values("user_id"))
    done = 0
    for user in users:
        if lockout.may_unlock(request.user, user):
            lockout.unlock(user, by=request.user, remote_addr=client_address(request))
            done += 1
    level = messages.SUCCESS if done else messages.WARNING
    modeladmin.message_user(request, _("Đã mở khóa %(n)d tài khoản.") % {"n": done}, level)


@admin.action(description=gettext_lazy("Đặt lại xác thực hai bước cho người dùng đã chọn"))
def reset_second_factor(modeladmin, request, queryset) -> None:
    users = get_user_model().objects.filter(pk__in=queryset.values("user_id"))
    done = refused = 0
    for user in users:
        if second_factor.may_reset(request.user, user):
            second_factor.reset(user, by=request.user, remote_addr=client_address(request))
            done += 1
        else:
            refused += 1
    if done:
        modeladmin.message_user(
            request,
            _(
                "Đã đặt lại xác thực hai bước của %(n)d tài khoản; lần đăng nhập tới họ sẽ "
                "thiết lập lại ứng dụng xác thực."
            )
            % {"n": done},
            messages.SUCCESS,
        )
    if refused:
        modeladmin.message_user(
            request,
            _(
                "Không đặt lại được %(n)d tài khoản: bạn chỉ quản lý được thành viên "
                "của đơn vị mình."
            )
            % {"n": refused},
            messages.WARNING,
        )


def hide_device_admins() -> None:
    """django-otp registers admin pages that show every user's secret as a QR code: the
    factors are managed only through enrolment and the reset action above."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnAttestation, WebAuthnCredential

    for model in (TOTPDevice, StaticDevice, WebAuthnCredential, WebAuthnAttestation):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


def extend_membership_admin(actions) -> None:
    membership_admin = admin.site._registry.get(Membership)
    if membership_admin is not None:
        membership_admin.actions = [*(membership_admin.actions or ()), *actions]


extend_membership_admin([unlock_sign_in, reset_second_factor])
hide_device_admins()
