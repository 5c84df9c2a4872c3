"""How the social app's models follow a site merge (see tenants/lifecycle/rules.py)."""

from django.utils.translation import gettext_lazy as _

from tenants.lifecycle.rules import How, MoveRule

REASON = _(
    "Tài khoản mạng xã hội của cơ quan cũ và lịch sử đăng bài: giữ ở trang lưu trữ; "
    "đơn vị mới tự kết nối tài khoản của mình."
)

MOVE_RULES = [
    MoveRule("social.Channel", how=How.STAY, kind=_("Kênh mạng xã hội"), reason=REASON),
    MoveRule("social.Post", how=How.STAY, kind=_("Bài đăng mạng xã hội"), reason=REASON),
]
