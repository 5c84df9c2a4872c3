"""Forms keep what the citizen typed: PostgreSQL becomes unreachable for the live server
(its new connections go to a closed port: a real connection failure, no mock), the
question is sent, the branded 503 says the text is kept and offers to go back; the form
then shows the text again (static/js/form-keeper.js, sessionStorage), and once the
question is received the kept copy is gone."""

import socket
from contextlib import contextmanager

import pytest
from django.db import connection
from playwright.sync_api import expect

from dialogue.models import Inquiry
from tests.dialogue.factories import solve

pytestmark = pytest.mark.e2e

QUESTION = "Xin hỏi thủ tục đăng ký khai sinh cho con cần giấy tờ gì?\nTôi ở thôn 3."
FORM = "/hoi-dap/gui-cau-hoi/"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once closed: nothing listens there


@contextmanager
def database_unreachable():
    """The live server opens its connections from the shared settings dict: pointed at a
    closed port, every new connection is refused. The connections it already holds are
    ended, as an outage ends them: a live-server thread keeps its connection for the
    browser's kept-alive socket (CONN_MAX_AGE), and a POST sent on the socket that served
    the form found PostgreSQL still there (302 instead of 503, depending on which idle
    socket Chromium picked)."""
    settings_dict = connection.settings_dict
    saved = settings_dict.get("HOST"), settings_dict.get("PORT")
    connection.ensure_connection()  # the test's own, opened before the port changes
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(_closed_port())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    try:
        yield
    finally:
        settings_dict["HOST"], settings_dict["PORT"] = saved


def _fill(page) -> None:
    page.fill("#id_name", "Lò Thị Hoa")
    page.fill("#id_email", "hoa@example.com")
    page.fill("#id_title", "Hỏi về khai sinh")
    page.fill("#id_content", QUESTION)
    page.check("#id_consent")


def _captcha(page) -> None:
    page.fill(
        "#id_captcha_answer", solve(page.locator("label[for=id_captcha_answer]").inner_text())
    )


def test_a_question_sent_during_an_outage_is_kept_then_sent(page, e2e_sites, site_url):
    commune = e2e_sites["commune"]
    form_url = site_url(commune, FORM)
    page.goto(form_url)
    _fill(page)
    _captcha(page)
    with database_unreachable():
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.get_by_role("button", name="Gửi", exact=True).click()
        assert answer.value.status == 503 and answer.value.headers["retry-after"]
        # expect() waits for the answer's page; main's text right away could be the form's.
        expect(page.locator("main")).to_contain_text("Hệ thống tạm thời gián đoạn")
        expect(page.locator("main")).to_contain_text("nội dung bạn đã nhập vẫn được giữ")
    assert not Inquiry.objects.exists()

    back = page.get_by_role("button", name="Quay lại trang trước / Go back")
    expect(back).to_be_visible()  # form-keeper.js shows it
    with page.expect_navigation():  # the URL is form_url already: wait for the page itself
        back.click()
    expect(page.locator("#id_content")).to_have_value(QUESTION)

    page.goto(form_url)  # a new visit: only the kept copy can fill the form
    expect(page.locator("#id_content")).to_have_value(QUESTION)
    assert page.input_value("#id_title") == "Hỏi về khai sinh"
    assert page.input_value("#id_name") == "Lò Thị Hoa"
    assert page.is_checked("#id_consent")
    assert page.input_value("#id_captcha_answer") == ""  # never kept
    assert "đã được điền lại" in page.locator(".form-keeper-note").inner_text()

    _captcha(page)
    page.get_by_role("button", name="Gửi", exact=True).click()
    page.wait_for_url("**/hoi-dap/da-gui/")
    assert Inquiry.objects.get().content.replace("\r\n", "\n") == QUESTION
    page.goto(form_url)  # received: the copy is gone
    assert page.input_value("#id_content") == ""
    assert page.locator(".form-keeper-note").count() == 0


def test_a_refused_form_keeps_its_copy_until_it_is_received(page, e2e_sites, site_url):
    commune = e2e_sites["commune"]
    form_url = site_url(commune, FORM)
    page.goto(form_url)
    _fill(page)
    page.fill("#id_captcha_answer", "sai")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.locator(".form-error-summary")).to_be_visible()  # refused, shown again
    page.goto(form_url)
    assert page.input_value("#id_content") == QUESTION
