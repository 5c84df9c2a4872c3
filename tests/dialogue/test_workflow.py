"""The inquiry workflow, role by role and tenant by tenant (dialogue/workflow.py)."""

from datetime import date

import pytest
from django.core import mail

from dialogue import workflow
from dialogue.models import DialogueSettings, Inquiry, InquiryStatus
from dialogue.stats import inquiry_counts, overdue_inquiries, waiting_working_days
from tenants.models import Role
from tests.tenants.factories import MembershipFactory

from .factories import InquiryFactory

pytestmark = pytest.mark.django_db


def _received(tenant, **kwargs) -> Inquiry:
    return workflow.receive(InquiryFactory.build(tenant=tenant, **kwargs))


def test_receipt_sets_a_working_day_deadline_and_mails_the_tracking_code(
    commune, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = _received(commune, received_on=date(2026, 2, 13))
    # Friday before Tết Bính Ngọ (16–20/2 off): 15 working days end on 13/3/2026.
    assert inquiry.deadline == date(2026, 3, 13)
    assert len(mail.outbox) == 1
    assert inquiry.tracking_code in mail.outbox[0].subject
    assert mail.outbox[0].to == ["lan@example.com"]
    assert len(inquiry.tracking_code) == 14 and inquiry.status == InquiryStatus.RECEIVED


def test_deadline_around_national_day_and_per_tenant_limit(commune, other_commune):
    # Monday 31/8/2026; 1/9 and 2/9 off: 15 working days end on Wednesday 23/9.
    assert _received(commune, received_on=date(2026, 8, 31)).deadline == date(2026, 9, 23)
    DialogueSettings.objects.create(tenant=other_commune, answer_days=10)
    assert _received(other_commune, received_on=date(2026, 8, 31)).deadline == date(2026, 9, 16)


def test_tracking_codes_are_unique_and_not_sequential(commune):
    codes = {_received(commune).tracking_code for _ in range(30)}
    assert len(codes) == 30
    assert all(code[4] == "-" and code[9] == "-" for code in codes)


def test_full_flow_commune_editor_assigns_drafts_approver_signs_and_publishes(
    commune, commune_editor, commune_approver, django_capture_on_commit_callbacks
):
    inquiry = _received(commune)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.assign(inquiry, commune, by=commune_editor)
        workflow.draft_answer(inquiry, "Trả lời: nộp tại Một cửa.", by=commune_editor)
        assert inquiry.status == InquiryStatus.ASSIGNED
        workflow.approve_answer(inquiry, by=commune_approver)
        assert inquiry.status == InquiryStatus.ANSWERED
        workflow.publish(inquiry, by=commune_approver)
    assert inquiry.status == InquiryStatus.PUBLISHED and inquiry.published_at
    assert inquiry.answer_approved_by == commune_approver
    # The asker heard of the assignment, the answer and the publication.
    assert [m.to for m in mail.outbox] == [["lan@example.com"]] * 3
    assert "Trả lời: nộp tại Một cửa." in mail.outbox[1].body


def test_editor_cannot_sign_off_an_answer(commune, commune_editor):
    inquiry = _received(commune)
    workflow.draft_answer(inquiry, "Dự thảo", by=commune_editor)
    with pytest.raises(workflow.InquiryError):
        workflow.approve_answer(inquiry, by=commune_editor)
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ASSIGNED


def test_province_assigns_to_a_commune_whose_staff_answer_it(
    province,
    commune,
    other_commune,
    board_member,
    commune_editor,
    commune_approver,
    other_commune_editor,
):
    inquiry = _received(province)
    # The commune cannot take a question sent to the portal by itself...
    with pytest.raises(workflow.InquiryError):
        workflow.assign(inquiry, commune, by=commune_editor)
    workflow.assign(inquiry, commune, by=board_member)
    assert inquiry.assigned_tenant == commune
    # ...but once assigned, its staff answer and its approver signs off.
    with pytest.raises(workflow.InquiryError):
        workflow.draft_answer(inquiry, "Không phải đơn vị tôi", by=other_commune_editor)
    workflow.draft_answer(inquiry, "Xã đã kiểm tra.", by=commune_editor)
    workflow.approve_answer(inquiry, by=commune_approver)
    assert inquiry.answer_author == commune.name


def test_assignment_only_within_the_subtree(commune, other_commune, commune_editor, province):
    inquiry = _received(commune)
    for target in (other_commune, province):
        with pytest.raises(workflow.InquiryError):
            workflow.assign(inquiry, target, by=commune_editor)


def test_decline_needs_a_reason_and_ends_the_flow(commune, commune_editor):
    inquiry = _received(commune)
    with pytest.raises(workflow.InquiryError):
        workflow.decline(inquiry, "   ", by=commune_editor)
    workflow.decline(inquiry, "Không thuộc thẩm quyền.", by=commune_editor)
    assert inquiry.status == InquiryStatus.DECLINED
    with pytest.raises(workflow.InquiryError):
        workflow.assign(inquiry, commune, by=commune_editor)


def test_auditor_and_other_site_cannot_act(commune, auditor, other_commune_editor):
    inquiry = _received(commune)
    for user in (auditor, other_commune_editor):
        with pytest.raises(workflow.InquiryError):
            workflow.assign(inquiry, commune, by=user)
        with pytest.raises(workflow.InquiryError):
            workflow.decline(inquiry, "x", by=user)


def test_publish_only_after_sign_off_and_unpublish_returns_to_answered(
    commune, commune_editor, commune_approver
):
    inquiry = _received(commune)
    with pytest.raises(workflow.InquiryError):
        workflow.publish(inquiry, by=commune_approver)
    workflow.draft_answer(inquiry, "Trả lời", by=commune_editor)
    workflow.approve_answer(inquiry, by=commune_approver)
    with pytest.raises(workflow.InquiryError):
        workflow.publish(inquiry, by=commune_editor)
    workflow.publish(inquiry, by=commune_approver)
    workflow.unpublish(inquiry, by=commune_approver)
    assert inquiry.status == InquiryStatus.ANSWERED


def test_deadline_spans_tet_2027_and_tet_2028_from_the_lunar_calendar(commune):
    # Wednesday 3/2/2027; Tết Đinh Mùi off Thursday 4/2 to Wednesday 10/2: 15 working
    # days are 11, 12, 15–19, 22–26 February and 1–3 March.
    assert _received(commune, received_on=date(2027, 2, 3)).deadline == date(2027, 3, 3)
    # Friday 21/1/2028; Tết Mậu Thân off Monday 24/1 to Saturday 29/1: 31/1–4/2, 7–11/2
    # and 14–18/2.
    assert _received(commune, received_on=date(2028, 1, 21)).deadline == date(2028, 2, 18)


def test_overdue_list_and_waiting_days(commune, other_commune):
    late = _received(commune, received_on=date(2026, 8, 31))  # due 23/9/2026
    _received(commune, received_on=date(2026, 9, 21))
    _received(other_commune, received_on=date(2026, 8, 31))
    today = date(2026, 9, 24)
    assert list(overdue_inquiries([commune.pk], today)) == [late]
    assert waiting_working_days(late, today) == 16
    counts = inquiry_counts([commune.pk], today)
    assert counts["total"] == 2 and counts["overdue"] == 1 and counts["open"] == 2


def test_assigned_unit_sees_its_overdue_inquiries(province, commune, board_member):
    inquiry = _received(province, received_on=date(2026, 8, 31))
    workflow.assign(inquiry, commune, by=board_member)
    assert list(overdue_inquiries([commune.pk], date(2026, 10, 1))) == [inquiry]


def test_site_admin_of_the_commune_publishes(commune, commune_editor):
    admin_user = MembershipFactory(tenant=commune, role=Role.SITE_ADMIN).user
    inquiry = _received(commune)
    workflow.draft_answer(inquiry, "Trả lời", by=commune_editor)
    workflow.approve_answer(inquiry, by=admin_user)
    workflow.publish(inquiry, by=admin_user)
    assert inquiry.status == InquiryStatus.PUBLISHED
