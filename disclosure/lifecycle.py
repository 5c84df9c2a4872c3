"""How the disclosure app's models follow a site merge (see tenants/lifecycle/rules.py)."""

from django.utils.translation import gettext_lazy as _

from tenants.lifecycle.common import absolute_url, unfinished_workflow
from tenants.lifecycle.rules import MoveRule

MOVE_RULES = [
    MoveRule(
        "disclosure.Record",
        kind=_("Hồ sơ công khai thông tin"),
        unique=("slug",),
        url=absolute_url,
        repoint=("location",),  # a record about the merged locality is about the target now
        unfinished=unfinished_workflow,
    ),
]
