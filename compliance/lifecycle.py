"""How the compliance app's models follow a site merge (see tenants/lifecycle/rules.py)."""

from django.utils.translation import gettext_lazy as _

from tenants.lifecycle.rules import How, MoveRule, OnClash

MOVE_RULES = [
    # Visits of the merged sites count for the target; the same day and path add up.
    MoveRule(
        "compliance.VisitDaily",
        kind=_("Thống kê truy cập"),
        unique=("day", "path"),
        on_clash=OnClash.SUM,
        sum_fields=("views",),
    ),
    MoveRule(
        "compliance.MeasurementRun",
        how=How.STAY,
        kind=_("Lịch sử đánh giá tuân thủ"),
        reason=_("Điểm đã chấm là của trang cũ; trang đích được chấm lại từ dữ liệu mới."),
    ),
    MoveRule(
        "compliance.Indicator",
        how=How.STAY,
        kind=_("Tiêu chí riêng của đơn vị"),
        reason=_("Tiêu chí riêng của trang cũ không áp lên trang đích."),
    ),
    MoveRule("compliance.ApiConsumer", kind=_("Ứng dụng dùng API")),
    MoveRule(
        "compliance.ExportJob",
        how=How.STAY,
        kind=_("Tệp xuất báo cáo"),
        reason=_("Tệp đã xuất của trang cũ."),
    ),
]
