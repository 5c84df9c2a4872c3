"""The citizens app's hooks for draft consultations: the comment form prefilled from the
verified identity, the citizen's comments on "Câu hỏi của tôi" across every site, and
erasing the citizen's contact data with the account."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from citizens.accounts import CitizenItem
from citizens.models import Citizen

from .models import Comment

ERASED_NAME = "—"
ERASED_EMAIL = "da-xoa@invalid"  # the field is required; .invalid never delivers


def initial_contact(citizen: Citizen | None) -> dict[str, str]:
    if citizen is None:
        return {}
    return {"name": citizen.name, "email": citizen.email}


def lock_verified_name(form: forms.Form, citizen: Citizen | None) -> None:
    """The verified name is sent as given by the provider: the field cannot be changed."""
    if citizen is not None and citizen.name:
        form.fields["name"].disabled = True
        form.fields["name"].help_text = _("Họ tên đã xác thực qua tài khoản định danh.")


def my_items(citizen: Citizen) -> list[CitizenItem]:
    comments = Comment.objects.filter(citizen=citizen).select_related("tenant", "consultation")
    now = timezone.now()
    items = []
    for comment in comments:
        consultation = comment.consultation
        # The drafting body answers all comments at once, in its report after the window.
        report = consultation.report if consultation.is_closed(now) else ""
        items.append(
            CitizenItem(
                kind=_("Góp ý dự thảo"),
                title=consultation.title,
                site=str(comment.tenant),
                status=comment.get_status_display(),
                sent_at=comment.created_at,
                answer=report,
                url=consultation.get_absolute_url(),
                tenant_id=comment.tenant_id,
            )
        )
    return items


def erase(citizen: Citizen) -> int:
    return Comment.objects.filter(citizen=citizen).update(
        citizen=None, name=ERASED_NAME, email=ERASED_EMAIL, organisation=""
    )
