"""How the importer's models follow a site merge: profiles and runs stay with the old site."""

from django.utils.translation import gettext_lazy as _

from tenants.lifecycle.rules import How, MoveRule

REASON = _("Nguồn dữ liệu cũ và nhật ký chuyển dữ liệu của đơn vị cũ: giữ ở trang lưu trữ.")

MOVE_RULES = [
    MoveRule("importer.SourceProfile", how=How.STAY, kind=_("Nguồn dữ liệu cũ"), reason=REASON),
    MoveRule("importer.ImportRun", how=How.STAY, kind=_("Lần chuyển dữ liệu"), reason=REASON),
]
