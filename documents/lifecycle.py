"""How the documents app's models follow a site merge (see tenants/lifecycle/rules.py)."""

from django.utils.translation import gettext_lazy as _

from tenants.lifecycle.common import absolute_url, unfinished_workflow
from tenants.lifecycle.rules import How, MoveRule, OnClash

MOVE_RULES = [
    # The same document (issuer + number + year) published by two merged sites is one document:
    # the target's copy stands for both and the other's URL answers 301 to it.
    MoveRule(
        "documents.Document",
        kind=_("Văn bản"),
        unique=("issuing_body", "number_normalised", "issued_year"),
        on_clash=OnClash.MERGE,
        url=absolute_url,
        unfinished=unfinished_workflow,
        order=40,
    ),
    MoveRule(
        "documents.Consultation",
        kind=_("Lấy ý kiến dự thảo"),
        url=absolute_url,
        unfinished=unfinished_workflow,
        order=45,
    ),
    MoveRule("documents.Comment", kind=_("Góp ý dự thảo"), order=46),
    MoveRule(
        "documents.SigningCredential",
        how=How.STAY,
        kind=_("Chứng thư ký số"),
        reason=_("Chứng thư số của cơ quan cũ không ký thay cơ quan mới."),
    ),
]
