"""The staff flow in the admin: the receiving site assigns, the unit answers, its approver
signs off and publishes; contact data only for the handlers; the overdue list."""

from datetime import date

import pytest
from django.urls import reverse

from dialogue import workflow
from dialogue.models import InquiryStatus, SessionQuestion, SessionQuestionStatus

from .factories import InquiryFactory, SessionFactory, SessionQuestionFactory

pytestmark = pytest.mark.django_db


def _change(inquiry):
    return reverse("admin:dialogue_inquiry_change", args=[inquiry.pk])


def _act(client, inquiry, host="portal.test", **data):
    return client.post(_change(inquiry), {"_save": "1", **data}, HTTP_HOST=host)


def test_staff_flow_through_the_admin(
    client, province, commune, board_member, commune_editor, commune_approver
):
    inquiry = workflow.receive(InquiryFactory.build(tenant=province))
    client.force_login(board_member)
    assert _act(client, inquiry, action="assign", assign_to=commune.pk).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.assigned_tenant == commune and inquiry.status == InquiryStatus.ASSIGNED

    client.force_login(commune_editor)
    listing = client.get(reverse("admin:dialogue_inquiry_changelist"), HTTP_HOST="xaa.portal.test")
    assert inquiry.tracking_code in listing.content.decode()
    page = client.get(_change(inquiry), HTTP_HOST="xaa.portal.test").content.decode()
    assert "lan@example.com" in page  # the handling unit sees who asked
    refused = _act(client, inquiry, "xaa.portal.test", action="approve")
    assert refused.status_code == 200 and "Chỉ người duyệt" in refused.content.decode()
    _act(client, inquiry, "xaa.portal.test", action="draft", answer_text="Xã trả lời như sau.")

    client.force_login(commune_approver)
    _act(client, inquiry, "xaa.portal.test", action="approve")
    _act(client, inquiry, "xaa.portal.test", action="publish")
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.PUBLISHED
    assert inquiry.answer == "Xã trả lời như sau."


def test_contact_data_hidden_from_auditor_and_other_sites(
    client, commune, auditor, other_commune_editor
):
    inquiry = InquiryFactory(tenant=commune)
    client.force_login(auditor)
    page = client.get(_change(inquiry), HTTP_HOST="portal.test")
    assert page.status_code == 200
    assert "lan@example.com" not in page.content.decode()
    assert "Chỉ cán bộ xử lý" in page.content.decode()
    client.force_login(other_commune_editor)
    assert client.get(_change(inquiry), HTTP_HOST="xab.portal.test").status_code == 403
    assert _act(client, inquiry, "xab.portal.test", action="decline", reason="x").status_code == 403
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.RECEIVED


def test_overdue_filter_and_waiting_days_column(client, commune, commune_editor):
    late = workflow.receive(InquiryFactory.build(tenant=commune, received_on=date(2025, 1, 2)))
    fresh = workflow.receive(InquiryFactory.build(tenant=commune))
    client.force_login(commune_editor)
    url = reverse("admin:dialogue_inquiry_changelist")
    page = client.get(url, {"han": "qua-han"}, HTTP_HOST="xaa.portal.test").content.decode()
    assert late.tracking_code in page and fresh.tracking_code not in page


def test_moderation_in_the_session_admin(client, province, board_member):
    session = SessionFactory(tenant=province)
    main = SessionQuestionFactory(session=session)
    dup = SessionQuestionFactory(session=session, status=SessionQuestionStatus.PENDING)
    client.force_login(board_member)
    url = reverse("admin:dialogue_dialoguesession_change", args=[session.pk])
    form = {
        "tenant": province.pk,
        "title_vi": session.title_vi,
        "title_en": session.title_en,
        "slug": session.slug,
        "starts_at_0": session.starts_at.strftime("%Y-%m-%d"),
        "starts_at_1": session.starts_at.strftime("%H:%M:%S"),
        "ends_at_0": session.ends_at.strftime("%Y-%m-%d"),
        "ends_at_1": session.ends_at.strftime("%H:%M:%S"),
        "is_published": "on",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "2",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-id": main.pk,
        "questions-0-session": session.pk,
        "questions-0-status": "accepted",
        "questions-0-answer": "Lãnh đạo trả lời trực tiếp.",
        "questions-0-answered_by": "Chủ tịch UBND tỉnh",
        "questions-1-id": dup.pk,
        "questions-1-session": session.pk,
        "questions-1-status": "merged",
        "questions-1-merged_into": main.pk,
        "_save": "1",
    }
    response = client.post(url, form, HTTP_HOST="portal.test")
    assert response.status_code == 302
    main.refresh_from_db()
    dup.refresh_from_db()
    assert main.answered_at is not None and main.answer == "Lãnh đạo trả lời trực tiếp."
    assert dup.status == SessionQuestionStatus.MERGED and dup.merged_into == main
    assert SessionQuestion.objects.count() == 2


def test_every_admin_page_of_both_apps_opens(client, superuser, province, commune):
    from surveys.models import PageRating, SatisfactionResponse
    from tests.surveys.factories import PollFactory, RatingFactory, ResponseFactory

    from .factories import HotlineFactory

    objects = [
        InquiryFactory(tenant=commune),
        HotlineFactory(tenant=commune),
        SessionFactory(tenant=province),
        PollFactory(tenant=commune),
        ResponseFactory(tenant=commune),
        RatingFactory(tenant=commune),
    ]
    client.force_login(superuser)
    for obj in objects:
        meta = obj._meta
        for name, args in (("changelist", []), ("change", [obj.pk])):
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{name}", args=args)
            assert client.get(url, HTTP_HOST="portal.test").status_code == 200, url
    for model in (SatisfactionResponse, PageRating):
        assert model.objects.exists()
    for name in ("dialogue_hotline_add", "dialogue_dialoguesession_add", "surveys_poll_add"):
        assert client.get(reverse(f"admin:{name}"), HTTP_HOST="portal.test").status_code == 200
    assert client.get(reverse("admin:surveys_results"), HTTP_HOST="portal.test").status_code == 200


def test_attachment_is_private_and_downloaded_only_by_handlers(
    client, commune, commune_editor, auditor, site_client
):
    from django.core.files.base import ContentFile

    inquiry = InquiryFactory(tenant=commune)
    inquiry.attachment.save("cccd.pdf", ContentFile(b"%PDF-1.4 so CCCD"), save=True)
    # Not under /media/: the public cannot fetch it even with the name.
    assert site_client(commune).get(f"/media/{inquiry.attachment.name}").status_code == 404
    url = reverse("admin:dialogue_inquiry_attachment", args=[inquiry.pk])
    client.force_login(commune_editor)
    page = client.get(_change(inquiry), HTTP_HOST="xaa.portal.test").content.decode()
    assert url in page
    download = client.get(url, HTTP_HOST="xaa.portal.test")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 so CCCD"
    client.force_login(auditor)
    assert url not in client.get(_change(inquiry), HTTP_HOST="portal.test").content.decode()
    assert client.get(url, HTTP_HOST="portal.test").status_code == 403
    inquiry.attachment.delete(save=False)
