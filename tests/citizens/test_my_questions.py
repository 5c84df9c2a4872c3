"""A signed-in citizen's question: prefilled with the verified name, marked verified for
staff, listed on "Câu hỏi của tôi", and erased with the account."""

from citizens.models import Citizen
from dialogue.models import Inquiry, InquiryStatus
from tests.citizens.test_sign_in import _sign_in
from tests.dialogue.factories import solve_page

ASK = "/hoi-dap/gui-cau-hoi/"


def _ask(client, **overrides):
    data = {
        "kind": "question",
        "name": "Tên Khác",
        "email": "hoa.nguyen@example.vn",
        "phone": "0912345678",
        "topic": "land",
        "title": "Hỏi về cấp sổ đỏ",
        "content": "Xin hỏi hồ sơ cấp giấy chứng nhận gồm những gì?",
        "consent": "on",
        "website": "",
        **solve_page(client.get(ASK).content.decode()),
        **overrides,
    }
    return client.post(ASK, data)


def test_anonymous_form_offers_sign_in(client, oidc_good):
    page = client.get(ASK).content.decode()
    assert "/tai-khoan/dang-nhap/?next=/hoi-dap/gui-cau-hoi/" in page
    assert "để điền sẵn họ tên" in page


def test_signed_in_question_is_prefilled_verified_and_listed(client, oidc_good, superuser):
    _sign_in(client)
    form = client.get(ASK)
    page = form.content.decode()
    assert 'value="Nguyễn Thị Hoa"' in page and "disabled" in page
    assert "no-store" in form["Cache-Control"]

    assert _ask(client).status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.citizen == Citizen.objects.get()
    assert inquiry.name == "Nguyễn Thị Hoa"  # the verified name, not what was posted

    admin = client.__class__(HTTP_HOST="portal.test")
    admin.force_login(superuser)
    listing = admin.get("/admin/dialogue/inquiry/").content.decode()
    assert "Đã xác thực" in listing

    inquiry.status = InquiryStatus.ANSWERED
    inquiry.answer = "Hồ sơ gồm đơn đề nghị và giấy tờ về quyền sử dụng đất."
    inquiry.save()
    mine = client.get("/tai-khoan/").content.decode()
    assert "Hỏi về cấp sổ đỏ" in mine
    assert "Đã trả lời" in mine
    assert "giấy tờ về quyền sử dụng đất" in mine


def test_anonymous_question_is_not_verified(client, oidc_good):
    assert _ask(client, name="Lê Văn Hùng").status_code == 302
    assert Inquiry.objects.get().citizen is None


def test_deleting_the_account_erases_personal_data(client, oidc_good):
    _sign_in(client)
    _ask(client)
    refused = client.post("/tai-khoan/xoa-tai-khoan/", {})
    assert refused.status_code == 400
    assert Citizen.objects.exists()

    response = client.post("/tai-khoan/xoa-tai-khoan/", {"confirm": "yes"}, follow=True)
    assert "Đã xóa tài khoản" in response.content.decode()
    assert not Citizen.objects.exists()
    inquiry = Inquiry.objects.get()
    assert (inquiry.name, inquiry.email, inquiry.phone, inquiry.citizen) == ("—", "", "", None)
    assert inquiry.content  # the question itself stays for the agency handling it
