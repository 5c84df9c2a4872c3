"""Draft consultations: the comment window, anti-abuse, moderation and the report."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents.models import Comment, CommentStatus
from documents.pdfgen import simple_pdf
from tests.documents.factories import CommentFactory, ConsultationFactory
from tests.portal.test_antiabuse import solve


def _url(consultation):
    return f"/lay-y-kien-du-thao/{consultation.pk}/"


def _comment(client, consultation, **extra):
    form = client.get(_url(consultation)).context["form"]
    data = {
        "name": "Trần Thị Góp Ý",
        "email": "gopy@example.vn",
        "organisation": "Hợp tác xã",
        "body": "Đề nghị bổ sung quy định về miễn phí cho hộ nghèo.",
        "captcha_token": form.initial["captcha_token"],
        "captcha_answer": solve(str(form.fields["captcha_answer"].label)),
        "consent": "on",
        **extra,
    }
    return client.post(_url(consultation), data)


def test_citizen_comments_while_open_and_it_awaits_moderation(commune, site_client):
    consultation = ConsultationFactory(tenant=commune)
    client = site_client(commune)
    pdf = SimpleUploadedFile("y-kien.pdf", simple_pdf(["Y kien"]), "application/pdf")
    response = _comment(client, consultation, attachment=pdf)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.tenant == commune and comment.status == CommentStatus.PENDING
    assert comment.attachment.name.endswith(".pdf")
    page = client.get(_url(consultation)).content.decode()
    assert "Cảm ơn bạn đã góp ý" in page
    assert "Đề nghị bổ sung" not in page  # not public before moderation
    Comment.objects.update(status=CommentStatus.APPROVED)
    page = client.get(_url(consultation)).content.decode()
    assert "Đề nghị bổ sung" in page and "gopy@example.vn" not in page


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(2, 10, "chưa đến thời gian nhận ý kiến"), (-10, -1, "Đã hết thời gian nhận ý kiến")],
)
def test_comments_are_refused_outside_the_window(commune, site_client, opens, closes, message):
    now = timezone.now()
    consultation = ConsultationFactory(
        tenant=commune,
        opens_at=now + datetime.timedelta(days=opens),
        closes_at=now + datetime.timedelta(days=closes),
    )
    client = site_client(commune)
    response = client.post(
        _url(consultation), {"name": "A", "email": "a@example.vn", "body": "x", "consent": "on"}
    )
    assert response.status_code == 403
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_wrong_captcha_missing_consent_and_bad_attachment_are_explained(commune, site_client):
    consultation = ConsultationFactory(tenant=commune)
    client = site_client(commune)
    response = _comment(client, consultation, captcha_answer="99", consent="")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Câu trả lời kiểm tra chưa đúng" in page
    assert "Vui lòng đồng ý" in page
    assert "Đề nghị bổ sung quy định" in page  # the citizen's text is kept
    fake = SimpleUploadedFile("y-kien.pdf", b"MZ not a pdf", "application/pdf")
    response = _comment(client, consultation, attachment=fake)
    assert response.status_code == 400
    assert "không đúng định dạng" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_are_rate_limited(commune, site_client):
    consultation = ConsultationFactory(tenant=commune)
    client = site_client(commune)
    for _ in range(5):
        assert _comment(client, consultation).status_code == 302
    response = _comment(client, consultation)
    assert response.status_code == 429
    assert "Bạn đã gửi quá nhiều lần" in response.content.decode()
    assert Comment.objects.count() == 5


def test_report_is_published_only_after_closing_with_public_count(commune, site_client):
    now = timezone.now()
    closed = ConsultationFactory(
        tenant=commune,
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=1),
        report_vi="Tiếp thu 3 ý kiến, giải trình 1 ý kiến",
    )
    open_one = ConsultationFactory(tenant=commune, report_vi="Báo cáo chưa công bố")
    CommentFactory(consultation=closed, status=CommentStatus.APPROVED)
    CommentFactory(consultation=closed, status=CommentStatus.PENDING)
    CommentFactory(consultation=closed, status=CommentStatus.REJECTED)
    client = site_client(commune)
    page = client.get(_url(closed)).content.decode()
    assert "Tiếp thu 3 ý kiến" in page
    assert client.get(_url(closed)).context["comment_count"] == 2
    assert "Báo cáo chưa công bố" not in client.get(_url(open_one)).content.decode()
    listing = client.get("/lay-y-kien-du-thao/").content.decode()
    assert "2 ý kiến" in listing


def test_consultation_pages_query_budget(commune, site_client, django_assert_max_num_queries):
    consultation = ConsultationFactory(tenant=commune)
    for _ in range(10):
        CommentFactory(consultation=consultation, status=CommentStatus.APPROVED)
    client = site_client(commune)
    with django_assert_max_num_queries(8):
        assert client.get("/lay-y-kien-du-thao/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(_url(consultation)).status_code == 200
