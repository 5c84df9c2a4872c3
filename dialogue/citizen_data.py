"""The citizens app's hooks for Q&A: prefill from the verified identity, "Câu hỏi của tôi"
across every site of the province, and erasing the citizen's contact data."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from citizens.accounts import CitizenItem
from citizens.models import Citizen

from .models import Inquiry, InquiryStatus

ERASED_NAME = "—"


def initial_contact(citizen: Citizen | None) -> dict[str, str]:
    if citizen is None:
        return {}
    return {"name": citizen.name, "email": citizen.email, "phone": citizen.phone}


def lock_verified_name(form: forms.Form, citizen: Citizen | None) -> None:
    """The verified name is sent as given by the provider: the field cannot be changed."""
    if citizen is not None and citizen.name:
        form.fields["name"].disabled = True
        form.fields["name"].help_text = _("Họ tên đã xác thực qua tài khoản định danh.")


def my_items(citizen: Citizen) -> list[CitizenItem]:
    inquiries = Inquiry.objects.filter(citizen=citizen).select_related("tenant")
    items = []
    for inquiry in inquiries:
        answered = inquiry.status in (InquiryStatus.ANSWERED, InquiryStatus.PUBLISHED)
        items.append(
            CitizenItem(
                kind=inquiry.get_kind_display(),
                title=f"{inquiry.title} ({inquiry.tracking_code})",
                site=str(inquiry.tenant),
                status=inquiry.get_status_display(),
                sent_at=inquiry.created_at,
                answer=inquiry.answer if answered else "",
            )
        )
    return items


def erase(citizen: Citizen) -> int:
    return Inquiry.objects.filter(citizen=citizen).update(
        citizen=None, name=ERASED_NAME, email="", phone=""
    )
