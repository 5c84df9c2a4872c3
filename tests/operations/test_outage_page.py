"""The branded 503: Retry-After, never cached; after a form was sent, it says the typed
text is kept in the browser and offers to go back (static/js/form-keeper.js)."""

from django.test import RequestFactory

from portal.outage import service_unavailable


def test_after_a_form_the_503_says_the_text_is_kept_and_offers_to_go_back():
    answer = service_unavailable(RequestFactory().post("/hoi-dap/gui-cau-hoi/"))
    page = answer.content.decode()
    assert answer.status_code == 503 and answer["Retry-After"] and answer["Cache-Control"]
    assert "nội dung bạn đã nhập vẫn được giữ" in page and "data-history-back" in page
    assert "/static/js/form-keeper.js" in page and "<body data-outage>" in page


def test_a_page_read_during_the_outage_has_no_form_message():
    page = service_unavailable(RequestFactory().get("/")).content.decode()
    assert "Hệ thống tạm thời gián đoạn" in page
    assert "vẫn được giữ" not in page and "data-history-back" not in page
