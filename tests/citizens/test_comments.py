"""A signed-in citizen's comment on a draft: prefilled with the verified name, marked
verified for staff, listed on "Câu hỏi của tôi" with the comments sent on other sites,
and erased with the account. Plus the provider-down offer and the retention task."""

import datetime

from django.utils import timezone

from citizens import accounts
from citizens.models import Citizen
from documents.models import Comment, CommentStatus
from tests.citizens.conftest import PORT_DOWN, configure
from tests.citizens.test_sign_in import _sign_in
from tests.documents.factories import CommentFactory, ConsultationFactory
from tests.portal.test_antiabuse import solve


def _url(consultation):
    return f"/lay-y-kien-du-thao/{consultation.pk}/"


def _comment(client, consultation, **extra):
    form = client.get(_url(consultation)).context["form"]
    data = {
        "name": "Tên Khác",
        "email": "hoa.nguyen@example.vn",
        "body": "Đề nghị bổ sung quy định miễn phí cho hộ nghèo.",
        "captcha_token": form.initial["captcha_token"],
        "captcha_answer": solve(str(form.fields["captcha_answer"].label)),
        "consent": "on",
        **extra,
    }
    return client.post(_url(consultation), data)


def test_signed_in_comment_is_prefilled_verified_and_listed_across_sites(
    client, oidc_good, province, commune, superuser
):
    consultation = ConsultationFactory(tenant=province, title_vi="Dự thảo quy định phí chợ")
    anonymous = client.get(_url(consultation))
    assert "để điền sẵn họ tên" in anonymous.content.decode()

    _sign_in(client)
    form = client.get(_url(consultation))
    page = form.content.decode()
    assert 'value="Nguyễn Thị Hoa"' in page and "disabled" in page
    assert "no-store" in form["Cache-Control"]
    assert "để điền sẵn họ tên" not in page

    assert _comment(client, consultation).status_code == 302
    comment = Comment.objects.get()
    assert comment.citizen == Citizen.objects.get()
    assert comment.name == "Nguyễn Thị Hoa"  # the verified name, not what was posted

    admin = client.__class__(HTTP_HOST="portal.test")
    admin.force_login(superuser)
    listing = admin.get("/admin/documents/comment/").content.decode()
    assert 'alt="True"' in listing and "đã xác thực" in listing.lower()

    # A comment the same citizen sent on the commune's site shows up too.
    elsewhere = ConsultationFactory(
        tenant=commune,
        title_vi="Dự thảo quy hoạch xã",
        opens_at=timezone.now() - datetime.timedelta(days=20),
        closes_at=timezone.now() - datetime.timedelta(days=1),
        report="Ban soạn thảo tiếp thu ý kiến về lối đi chung.",
    )
    CommentFactory(consultation=elsewhere, citizen=comment.citizen, status=CommentStatus.APPROVED)
    mine = client.get("/tai-khoan/").content.decode()
    assert "Dự thảo quy định phí chợ" in mine and "Chờ kiểm duyệt" in mine
    assert "Dự thảo quy hoạch xã" in mine and "Xã An Bình" in mine
    assert "tiếp thu ý kiến về lối đi chung" in mine  # the drafting body's answer


def test_deleting_the_account_erases_the_comment_contact(client, oidc_good, province):
    consultation = ConsultationFactory(tenant=province)
    _sign_in(client)
    _comment(client, consultation, organisation="Hợp tác xã")
    client.post("/tai-khoan/xoa-tai-khoan/", {"confirm": "yes"})
    comment = Comment.objects.get()
    assert (comment.citizen, comment.name, comment.organisation) == (None, "—", "")
    assert "hoa.nguyen" not in comment.email
    assert comment.body  # the comment itself stays for the drafting body


def test_provider_down_forms_say_so_and_still_accept_anonymous_comments(client, province, settings):
    configure(settings, f"http://127.0.0.1:{PORT_DOWN}")
    consultation = ConsultationFactory(tenant=province)
    for url in (_url(consultation), "/hoi-dap/gui-cau-hoi/"):
        page = client.get(url)
        assert page.status_code == 200
        text = page.content.decode()
        assert "tạm thời không sẵn sàng" in text
        assert "/tai-khoan/dang-nhap/" not in text
    assert _comment(client, consultation, name="Lê Văn Hùng").status_code == 302
    assert Comment.objects.get().citizen is None


def test_accounts_unused_past_the_retention_period_are_erased(province, settings):
    settings.CITIZEN_INACTIVE_DAYS = 365
    now = timezone.now()
    old = Citizen.objects.create(
        issuer="https://id.example",
        subject="old",
        name="Người Cũ",
        last_sign_in_at=now - datetime.timedelta(days=400),
    )
    recent = Citizen.objects.create(
        issuer="https://id.example", subject="new", last_sign_in_at=now - datetime.timedelta(days=3)
    )
    CommentFactory(consultation=ConsultationFactory(tenant=province), citizen=old)
    assert accounts.erase_inactive(now) == 1
    assert list(Citizen.objects.all()) == [recent]
    assert Comment.objects.get().name == "—"
