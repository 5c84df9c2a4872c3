"""Account actions offered on the memberships list: a site administrator sees only the
members of their own sites there, so the actions reach no one else."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.client_address import client_address
from tenants.models import Membership

from . import lockout


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


def extend_membership_admin(actions) -> None:
    membership_admin = admin.site._registry.get(Membership)
    if membership_admin is not None:
        membership_admin.actions = [*(membership_admin.actions or ()), *actions]


extend_membership_admin([unlock_sign_in])
