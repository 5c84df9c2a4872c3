"""How the tenants app's own models follow a merge."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .context import BatchResult, MoveContext
from .rules import How, MoveRule, OnClash


def move_children(ctx: MoveContext, rule: MoveRule) -> BatchResult:
    """The sites below a merged site move under the target (a commune of a merged district)."""
    from tenants.models import Tenant

    moved = 0
    for child in Tenant.objects.filter(parent=ctx.source).order_by("lft"):
        child.refresh_from_db()
        child.move_to(Tenant.objects.get(pk=ctx.target.pk), "last-child")
        moved += 1
    return BatchResult(moved=moved, done=True)


MOVE_RULES = [
    MoveRule(
        "tenants.Tenant",
        how=How.CUSTOM,
        keys=("parent",),
        kind=_("Đơn vị cấp dưới"),
        mover=move_children,
        order=5,
    ),
    MoveRule(
        "tenants.Domain",
        how=How.STAY,
        kind=_("Tên miền"),
        reason=_("Tên miền cũ ở lại đơn vị lưu trữ và chuyển hướng 301 về đơn vị đích."),
    ),
    MoveRule(
        "tenants.Membership",
        kind=_("Phân quyền"),
        unique=("user", "role"),
        on_clash=OnClash.SKIP,
        order=10,
    ),
    MoveRule(
        "tenants.UrlRedirect",
        how=How.REPOINT,
        repoint=("tenant",),
        kind=_("Chuyển hướng đã có"),
        order=10,
    ),
    MoveRule(
        "tenants.FormerName",
        how=How.STAY,
        kind=_("Tên gọi trước đây"),
        reason=_("Lịch sử tên gọi của đơn vị cũ."),
    ),
    MoveRule(
        "tenants.Provenance",
        how=How.STAY,
        keys=("former_tenant",),
        kind=_("Nguồn gốc mục"),
        reason=_("Ghi nhận nơi mục từng thuộc về; không bao giờ đổi."),
    ),
    MoveRule(
        "tenants.SiteOperation",
        how=How.STAY,
        keys=("target",),
        kind=_("Thao tác vòng đời"),
        reason=_("Nhật ký thao tác."),
    ),
]
