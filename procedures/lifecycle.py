"""How the procedures app's models follow a site merge (see tenants/lifecycle/rules.py)."""

from django.utils.translation import gettext_lazy as _

from tenants.lifecycle.rules import MoveRule, OnClash

MOVE_RULES = [
    MoveRule("procedures.SyncSource", kind=_("Nguồn đồng bộ thủ tục")),
    MoveRule(
        "procedures.Procedure",
        kind=_("Thủ tục hành chính"),
        repoint=("agency_tenant",),  # the merged unit's procedures are the target's now
    ),
    MoveRule(
        "procedures.Assignment",
        kind=_("Đơn vị thực hiện thủ tục"),
        unique=("procedure",),
        on_clash=OnClash.SKIP,
    ),
]
