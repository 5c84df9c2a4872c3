"""How the dialogue app's models follow a site merge (see tenants/lifecycle/rules.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tenants.lifecycle.common import move_unless_target_has_one
from tenants.lifecycle.rules import How, MoveRule

from .models import OPEN_STATUSES


def session_url(session) -> str:
    return reverse("dialogue:session", args=[session.slug])


def inquiry_url(inquiry) -> str:
    return reverse("dialogue:detail", args=[inquiry.pk])


def open_inquiries(items):
    return items.filter(status__in=OPEN_STATUSES)


def no_second_main_hotline(moving, target) -> None:
    from .models import Hotline

    if Hotline.objects.filter(tenant=target, is_main=True).exists():
        moving.update(is_main=False)


MOVE_RULES = [
    MoveRule(
        "dialogue.Inquiry",
        kind=_("Hỏi đáp, phản ánh"),
        url=inquiry_url,
        repoint=("assigned_tenant",),
        unfinished=open_inquiries,
    ),
    MoveRule(
        "dialogue.DialogueSession",
        kind=_("Đối thoại trực tuyến"),
        unique=("slug",),
        url=session_url,
    ),
    MoveRule(
        "dialogue.Hotline",
        kind=_("Đường dây nóng"),
        before_move=no_second_main_hotline,
    ),
    # One settings row per site: the target keeps its own answer deadline.
    MoveRule(
        "dialogue.DialogueSettings",
        how=How.CUSTOM,
        kind=_("Cấu hình hỏi đáp"),
        mover=move_unless_target_has_one,
    ),
]
