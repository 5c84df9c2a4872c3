"""Public pages: ask, track, archive, hotlines; bad input, rate limits, query budgets."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from dialogue.models import Inquiry, InquiryStatus
from portal.ratelimits import LIMITS

from .factories import HotlineFactory, InquiryFactory, PublishedInquiryFactory, solve_page

pytestmark = pytest.mark.django_db

ASK = "/hoi-dap/gui-cau-hoi/"
TRACK = "/hoi-dap/tra-cuu/"


def _ask_data(client, **overrides) -> dict:
    data = {
        "kind": "question",
        "name": "Lê Văn Hùng",
        "email": "hung@example.com",
        "phone": "0905 123 456",
        "topic": "land",
        "title": "Hỏi về cấp sổ đỏ",
        "content": "Xin hỏi hồ sơ cấp giấy chứng nhận gồm những gì?",
        "consent": "on",
        "website": "",
        **solve_page(client.get(ASK).content.decode()),
    }
    data.update(overrides)
    return data


def test_citizen_asks_gets_a_code_on_screen_and_by_mail_then_tracks_it(
    commune, site_client, django_capture_on_commit_callbacks
):
    client = site_client(commune)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ASK, _ask_data(client), follow=True)
    assert response.status_code == 200
    inquiry = Inquiry.objects.get()
    assert inquiry.tenant == commune and inquiry.status == InquiryStatus.RECEIVED
    assert inquiry.tracking_code in response.content.decode()
    assert inquiry.tracking_code in mail.outbox[0].body
    # Lowercase, without dashes: still found.
    typed = inquiry.tracking_code.replace("-", "").lower()
    found = client.post(TRACK, {"code": typed})
    assert found.status_code == 200
    page = found.content.decode()
    assert "Hỏi về cấp sổ đỏ" in page and "Đã tiếp nhận" in page
    assert "hung@example.com" not in page and "0905 123 456" not in page


def test_forged_or_malformed_code_gets_a_clear_message(commune, other_commune, site_client):
    inquiry = InquiryFactory(tenant=other_commune)
    client = site_client(commune)
    forged = client.post(TRACK, {"code": "ABCD-EFGH-JKMN"})
    assert forged.status_code == 404
    assert "Không tìm thấy câu hỏi với mã này" in forged.content.decode()
    # Another site's code is not found here either.
    assert client.post(TRACK, {"code": inquiry.tracking_code}).status_code == 404
    malformed = client.post(TRACK, {"code": "<b>x1</b>"})
    assert malformed.status_code == 400
    assert "không đúng định dạng" in malformed.content.decode()
    assert "<b>x1" not in malformed.content.decode()
    assert client.post(TRACK, {"code": "<script>alert(1)</script>"}).status_code == 400


def test_tracking_shows_answer_and_decline_reason(commune, site_client):
    answered = InquiryFactory(
        tenant=commune, status=InquiryStatus.ANSWERED, answer="Đã xử lý xong."
    )
    declined = InquiryFactory(
        tenant=commune, status=InquiryStatus.DECLINED, decline_reason="Trùng nội dung."
    )
    client = site_client(commune)
    assert "Đã xử lý xong." in client.post(TRACK, {"code": answered.tracking_code}).content.decode()
    assert (
        "Trùng nội dung." in client.post(TRACK, {"code": declined.tracking_code}).content.decode()
    )


def test_empty_oversized_and_script_submissions_are_refused_without_storing(commune, site_client):
    client = site_client(commune)
    empty = client.post(ASK, _ask_data(client, name="", title="", content=""))
    assert empty.status_code == 400
    assert "Vui lòng nhập họ và tên" in empty.content.decode()
    big = client.post(ASK, _ask_data(client, content="x" * 5001))
    assert big.status_code == 400
    bad_phone = client.post(ASK, _ask_data(client, phone="<b>call</b>"))
    assert "Số điện thoại không hợp lệ" in bad_phone.content.decode()
    assert Inquiry.objects.count() == 0
    # Script-laden text is stored as typed and shown escaped.
    client.post(ASK, _ask_data(client, title="<script>alert('x')</script>"))
    inquiry = Inquiry.objects.get()
    shown = client.post(TRACK, {"code": inquiry.tracking_code}).content.decode()
    assert "&lt;script&gt;alert(" in shown and "<script>alert(" not in shown


def test_wrong_captcha_missing_consent_and_honeypot_are_refused(commune, site_client):
    client = site_client(commune)
    wrong = client.post(ASK, _ask_data(client, captcha_answer="99"))
    assert wrong.status_code == 400
    assert "Câu trả lời kiểm tra chưa đúng" in wrong.content.decode()
    assert "Lê Văn Hùng" in wrong.content.decode()  # what the citizen typed is kept
    data = _ask_data(client)
    data.pop("consent")
    assert client.post(ASK, data).status_code == 400
    assert client.post(ASK, _ask_data(client, website="http://spam")).status_code == 400
    assert Inquiry.objects.count() == 0


def test_replayed_captcha_does_not_store_twice(commune, site_client):
    client = site_client(commune)
    data = _ask_data(client)
    assert client.post(ASK, data).status_code == 302
    assert client.post(ASK, data).status_code == 400
    assert Inquiry.objects.count() == 1


def test_attachment_is_checked_by_content(commune, site_client):
    client = site_client(commune)
    fake = SimpleUploadedFile("giay-to.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(ASK, {**_ask_data(client), "attachment": fake})
    assert response.status_code == 400
    assert "Nội dung tệp không đúng định dạng" in response.content.decode()
    pdf = SimpleUploadedFile("giay-to.pdf", b"%PDF-1.4\n%test\n", "application/pdf")
    assert client.post(ASK, {**_ask_data(client), "attachment": pdf}).status_code == 302
    assert Inquiry.objects.get().attachment.name.startswith(f"t/{commune.pk}/dialogue/")


def test_ask_rate_limit_refuses_the_sixth_submission_in_an_hour(commune, site_client):
    client = site_client(commune)
    limit = LIMITS["dialogue:ask"].attempts
    codes = [client.post(ASK, _ask_data(client)).status_code for _ in range(limit + 1)]
    assert codes == [302] * limit + [429]
    assert Inquiry.objects.count() == limit


def test_tracking_lookups_are_rate_limited(commune, site_client):
    client = site_client(commune)
    limit = LIMITS["dialogue:track"].attempts
    codes = [client.post(TRACK, {"code": "ABCD-EFGH-JKMN"}).status_code for _ in range(limit + 1)]
    assert codes[:limit] == [404] * limit and codes[-1] == 429


def test_archive_lists_published_answers_without_contact_data(commune, site_client):
    published = PublishedInquiryFactory(tenant=commune, title="Đã công khai")
    InquiryFactory(tenant=commune, title="Chưa trả lời")
    client = site_client(commune)
    page = client.get("/hoi-dap/").content.decode()
    assert "Đã công khai" in page and "Chưa trả lời" not in page
    detail = client.get(f"/hoi-dap/{published.pk}/").content.decode()
    assert "Hồ sơ nộp tại Bộ phận Một cửa." in detail
    for private in ("Nguyễn Thị Lan", "lan@example.com", "0912 345 678", published.tracking_code):
        assert private not in page and private not in detail
    unpublished = InquiryFactory(tenant=commune, status=InquiryStatus.ANSWERED)
    assert client.get(f"/hoi-dap/{unpublished.pk}/").status_code == 404


def test_archive_pages_by_keyset_with_the_same_cost_deep_down(
    commune, site_client, django_assert_max_num_queries
):
    for _ in range(45):
        PublishedInquiryFactory(tenant=commune)
    client = site_client(commune)
    client.get("/hoi-dap/")  # warm the tenant and menu caches
    with django_assert_max_num_queries(4):
        first = client.get("/hoi-dap/").content.decode()
    cursor = re.search(r'href="\?truoc=([^"]+)" rel="next"', first).group(1)
    with django_assert_max_num_queries(4):
        second = client.get(f"/hoi-dap/?truoc={cursor}").content.decode()
    cursor = re.search(r'href="\?truoc=([^"]+)" rel="next"', second).group(1)
    third = client.get(f"/hoi-dap/?truoc={cursor}").content.decode()
    titles = set()
    for page in (first, second, third):
        titles.update(re.findall(r"Câu hỏi số \d+", page))
    assert len(titles) == 45
    assert client.get("/hoi-dap/?truoc=garbage").status_code == 200


@pytest.mark.parametrize(
    "path", ["/hoi-dap/", "/hoi-dap/gui-cau-hoi/", "/hoi-dap/tra-cuu/", "/duong-day-nong/"]
)
def test_public_pages_query_budget(path, commune, site_client, django_assert_max_num_queries):
    HotlineFactory(tenant=commune, is_main=True)
    PublishedInquiryFactory(tenant=commune)
    client = site_client(commune)
    client.get(path)
    with django_assert_max_num_queries(4):
        assert client.get(path).status_code == 200


def test_hotlines_page_and_footer_show_the_main_hotline(commune, site_client):
    HotlineFactory(
        tenant=commune, purpose_vi="Đường dây nóng chính", number="0238 1111 222", is_main=True
    )
    HotlineFactory(
        tenant=commune, purpose_vi="Phản ánh môi trường", number="0238 3333 444", hours_vi="7h–17h"
    )
    client = site_client(commune)
    page = client.get("/duong-day-nong/").content.decode()
    assert "Phản ánh môi trường" in page and "0238 3333 444" in page and "7h–17h" in page
    home = client.get("/").content.decode()
    assert 'href="tel:023811112222"' not in home
    assert "0238 1111 222" in home.split('class="site-footer"')[1]
    # The footer follows a change of the main line at once (cache cleared on save).
    from dialogue.models import Hotline

    main = Hotline.objects.get(is_main=True)
    main.number = "0238 9999 000"
    main.save()
    assert "0238 9999 000" in client.get("/").content.decode()


def test_footer_hotline_is_cached_per_tenant(commune, django_assert_num_queries):
    from dialogue.sections import main_hotline

    HotlineFactory(tenant=commune, number="0238 1234 567", is_main=True)
    assert main_hotline(commune.pk) == {"number": "0238 1234 567"}
    with django_assert_num_queries(0):
        assert main_hotline(commune.pk) == {"number": "0238 1234 567"}


def test_second_main_hotline_is_refused_with_a_message(client, commune, commune_editor):
    from django.urls import reverse

    HotlineFactory(tenant=commune, is_main=True)
    client.force_login(commune_editor)
    response = client.post(
        reverse("admin:dialogue_hotline_add"),
        {"tenant": commune.pk, "purpose_vi": "Khác", "number": "1900", "is_main": "on", "order": 0},
        HTTP_HOST="xaa.portal.test",
    )
    assert response.status_code == 200
    assert "Đơn vị đã có một đường dây nóng chính." in response.content.decode()
