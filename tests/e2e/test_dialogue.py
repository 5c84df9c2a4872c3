"""Dialogue and surveys in real Chromium: zero axe violations on every form and result
page (error states included), keyboard-only submission of the Q&A form, live answers."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dialogue import sessions
from dialogue.models import Inquiry, InquiryStatus
from tests.dialogue.factories import (
    HotlineFactory,
    PublishedInquiryFactory,
    SessionFactory,
    SessionQuestionFactory,
    solve,
)
from tests.surveys.factories import PollFactory
from tests.tenants.factories import MembershipFactory

pytestmark = pytest.mark.e2e


def _captcha(page) -> str:
    return solve(page.locator("label[for=id_captcha_answer]").inner_text())


@pytest.fixture
def sites(e2e_sites):
    commune = e2e_sites["commune"]
    HotlineFactory(tenant=commune, is_main=True)
    PublishedInquiryFactory(tenant=commune, title="Hỏi về giấy phép xây dựng")
    return e2e_sites


def test_qa_pages_and_their_error_states_are_accessible(page, sites, site_url, assert_accessible):
    commune = sites["commune"]
    published = Inquiry.objects.get()
    for path in ("/hoi-dap/", f"/hoi-dap/{published.pk}/", "/duong-day-nong/", "/doi-thoai/"):
        page.goto(site_url(commune, path))
        assert_accessible(page)
    page.goto(site_url(commune, "/hoi-dap/gui-cau-hoi/"))
    assert_accessible(page)
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.locator(".form-error-summary")).to_be_visible()  # waits for the answer
    assert_accessible(page)
    page.goto(site_url(commune, "/hoi-dap/tra-cuu/"))
    assert_accessible(page)
    page.fill("#id_code", "ABCD-EFGH-JKMN")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("body")).to_contain_text("Không tìm thấy")  # waits for the answer
    assert_accessible(page)
    page.fill("#id_code", "??")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("body")).to_contain_text("không đúng định dạng")  # waits for the answer
    assert_accessible(page)
    page.fill("#id_code", published.tracking_code)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.locator("body")).to_contain_text("Đã công khai trả lời")  # waits for the answer
    assert_accessible(page)


def _tab_to(page, element_id: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} is not reachable with Tab")


def test_keyboard_only_submission_of_the_question_form(page, sites, site_url):
    commune = sites["commune"]
    page.goto(site_url(commune, "/hoi-dap/gui-cau-hoi/"))
    _tab_to(page, "id_kind")
    page.keyboard.press("ArrowDown")  # Góp ý
    for field, text in (
        ("id_name", "Phạm Văn Bình"),
        ("id_email", "binh@example.com"),
        ("id_phone", "0905 111 222"),
    ):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == field
        page.keyboard.type(text)
    page.keyboard.press("Tab")  # topic: keep the default
    for field, text in (("id_title", "Góp ý về giờ làm việc"), ("id_content", "Mở cửa thứ Bảy.")):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == field
        page.keyboard.type(text)
    _tab_to(page, "id_captcha_answer")
    page.keyboard.type(_captcha(page))
    _tab_to(page, "id_consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/hoi-dap/da-gui/$"))
    inquiry = Inquiry.objects.get(title="Góp ý về giờ làm việc")
    assert inquiry.kind == "feedback" and inquiry.status == InquiryStatus.RECEIVED
    assert inquiry.tracking_code in page.locator(".tracking-code").inner_text()


def test_session_page_shows_a_leaders_answer_without_reload(
    page, sites, site_url, assert_accessible
):
    province = sites["province"]
    moderator = MembershipFactory(tenant=province, role="editor").user
    session = SessionFactory(tenant=province)
    question = SessionQuestionFactory(session=session, content="Bao giờ làm đường mới?")
    page.goto(site_url(province, f"/doi-thoai/{session.slug}/"))
    assert_accessible(page)
    page.evaluate("document.body.dataset.marker = 'same-page'")
    sessions.answer(question, "Tháng Ba năm sau khởi công.", leader="Chủ tịch", by=moderator)
    page.wait_for_selector("text=Tháng Ba năm sau khởi công.", timeout=15000)
    assert page.evaluate("document.body.dataset.marker") == "same-page"  # no reload
    assert "Có câu trả lời mới" in page.locator("#live-status").inner_text()
    assert_accessible(page)
    # Without JavaScript a reload shows the same.
    page.reload()
    assert "Tháng Ba năm sau khởi công." in page.content()


def test_session_form_error_state_and_transcript_are_accessible(
    page, sites, site_url, assert_accessible
):
    province = sites["province"]
    live = SessionFactory(tenant=province)
    page.goto(site_url(province, f"/doi-thoai/{live.slug}/"))
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.locator(".form-error-summary")).to_be_visible()  # waits for the answer
    assert_accessible(page)
    done = SessionFactory(
        tenant=province,
        starts_at=timezone.now() - timedelta(days=1, hours=2),
        ends_at=timezone.now() - timedelta(days=1),
    )
    SessionQuestionFactory(
        session=done, answer="Đã trả lời.", answered_by="Giám đốc", answered_at=timezone.now()
    )
    page.goto(site_url(province, f"/doi-thoai/{done.slug}/"))
    assert "Đã kết thúc" in page.content()
    assert_accessible(page)


def test_survey_poll_and_rating_are_accessible_with_errors(
    page, sites, site_url, assert_accessible
):
    commune = sites["commune"]
    poll = PollFactory(tenant=commune)
    page.goto(site_url(commune, "/khao-sat/"))
    assert_accessible(page)
    page.get_by_role("button", name="Gửi phiếu khảo sát").click()
    expect(page.locator(".form-error-summary")).to_be_visible()  # waits for the answer
    assert_accessible(page)
    for name in ("interface", "content", "quality", "interaction", "support"):
        page.locator(f"input[name={name}]").first.check()
    page.fill("#id_captcha_answer", _captcha(page))
    page.get_by_role("button", name="Gửi phiếu khảo sát").click()
    expect(page.locator("body")).to_contain_text("Cảm ơn")  # waits for the answer
    assert_accessible(page)
    page.goto(site_url(commune, f"/tham-do/{poll.pk}/"))
    assert_accessible(page)
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator(".form-error-summary")).to_be_visible()  # waits for the answer
    assert_accessible(page)
    page.locator("input[name=option]").first.check()
    page.fill("#id_captcha_answer", _captcha(page))
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator("body")).to_contain_text("100,0%")  # waits for the answer
    assert_accessible(page)
    page.goto(site_url(commune, "/tham-do/"))
    assert_accessible(page)
    page.goto(site_url(commune, "/gioi-thieu/"))
    page.get_by_role("button", name="Hữu ích", exact=True).click()
    page.get_by_text("Cảm ơn bạn đã đánh giá").first.wait_for()  # the next page, loaded
    assert_accessible(page)
