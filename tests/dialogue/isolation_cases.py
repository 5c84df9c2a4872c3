"""Dialogue objects in two sites never leak into each other (tests/isolation/harness.py)."""

from datetime import timedelta

from django.utils import timezone

from dialogue.models import DialogueSession, DialogueSettings, Hotline, Inquiry, InquiryStatus
from tests.isolation.harness import IsolationCase


def make_published_qa(tenant, marker):
    return Inquiry.objects.create(
        tenant=tenant,
        name="Người hỏi",
        email="hoi@example.com",
        title=f"Câu hỏi {marker}",
        content="Nội dung",
        status=InquiryStatus.PUBLISHED,
        answer="Trả lời",
        answered_at=timezone.now(),
        published_at=timezone.now(),
        deadline=timezone.localdate() + timedelta(days=20),
    )


def make_hotline(tenant, marker):
    return Hotline.objects.create(
        tenant=tenant, purpose_vi=f"Tiếp nhận {marker}", purpose_en=f"Line {marker}", number="1022"
    )


def make_session(tenant, marker):
    return DialogueSession.objects.create(
        tenant=tenant,
        title_vi=f"Đối thoại {marker}",
        title_en=f"Dialogue {marker}",
        slug=marker.lower(),
        starts_at=timezone.now() + timedelta(days=2),
        ends_at=timezone.now() + timedelta(days=2, hours=2),
    )


def make_settings(tenant, marker):
    return DialogueSettings.objects.create(tenant=tenant, answer_days=10)


CASES = [
    IsolationCase(
        name="dialogue-qa",
        make=make_published_qa,
        detail_urls=lambda obj: [f"/hoi-dap/{obj.pk}/"],
        list_urls=["/hoi-dap/"],
        admin_model=Inquiry,
        languages=("",),  # citizens' questions are in Vietnamese only
    ),
    IsolationCase(
        name="dialogue-hotline",
        make=make_hotline,
        list_urls=["/duong-day-nong/"],
        admin_model=Hotline,
    ),
    IsolationCase(
        name="dialogue-session",
        make=make_session,
        detail_urls=lambda obj: [f"/doi-thoai/{obj.slug}/"],
        list_urls=["/doi-thoai/"],
        admin_model=DialogueSession,
    ),
    IsolationCase(name="dialogue-settings", make=make_settings, admin_model=DialogueSettings),
]
