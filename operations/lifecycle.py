"""How the operations app's site-owned rows follow a site merge (tenants/lifecycle/rules.py)."""

from django.utils.translation import gettext_lazy as _

from tenants.lifecycle.rules import How, MoveRule

MOVE_RULES = [
    MoveRule(
        "operations.DowntimeNotice",
        how=How.STAY,
        kind=_("Thông báo tạm dừng hệ thống"),
        reason=_("Thông báo về trang cũ: giữ ở trang lưu trữ cùng lịch sử của trang."),
    ),
]
