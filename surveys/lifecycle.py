"""How the surveys app's models follow a site merge (see tenants/lifecycle/rules.py)."""

from django.utils.translation import gettext_lazy as _

from tenants.lifecycle.rules import MoveRule, OnClash

MOVE_RULES = [
    MoveRule("surveys.Poll", kind=_("Thăm dò ý kiến")),
    # A visitor who answered both merged sites the same day counts once on the target.
    MoveRule(
        "surveys.SatisfactionResponse",
        kind=_("Phiếu khảo sát mức độ hài lòng"),
        unique=("visitor_hash",),
        on_clash=OnClash.SKIP,
    ),
    MoveRule(
        "surveys.PageRating",
        kind=_("Đánh giá trang"),
        unique=("path", "visitor_hash"),
        on_clash=OnClash.SKIP,
    ),
]
