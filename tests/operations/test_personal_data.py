"""A citizen's data request: staff find what is held for one person (by e-mail or by a
tracking code), download it and erase it. A site administrator sees and erases only their
own sites' items; erasing anonymises like the retention purge and keeps the published
answer; every export and erase is in the audit trail."""

import io
import json
import os
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.audit import security_events
from citizens.models import Citizen
from dialogue.models import Inquiry, InquiryStatus, SessionQuestion
from documents.models import Comment
from operations import personal_data
from operations.personal_data import ERASED, EXPORTED
from operations.retention import ANONYMOUS
from surveys.models import PageRating
from tests.dialogue.factories import (
    InquiryFactory,
    PublishedInquiryFactory,
    SessionFactory,
    SessionQuestionFactory,
)
from tests.documents.factories import CommentFactory
from tests.surveys.factories import RatingFactory

SCREEN = "/admin/du-lieu-ca-nhan/"
LAN = "lan@example.com"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def lans_data(commune, other_commune):
    answered = PublishedInquiryFactory(tenant=commune, email=LAN, title="Hỏi về đất ở")
    answered.attachment.save("cccd.pdf", ContentFile(b"%PDF-1.4 CCCD"), save=True)
    return {
        "answered": answered,
        "comment": CommentFactory(consultation__tenant=commune, email="Lan@Example.com"),
        "session_question": SessionQuestionFactory(
            session=SessionFactory(tenant=commune), email=LAN, locality="Thôn 3"
        ),
        "rating": RatingFactory(tenant=commune, comment=f"Xin gọi lại {LAN}", useful=False),
        "elsewhere": InquiryFactory(tenant=other_commune, email=LAN, title="Hỏi xã khác"),
        "someone_else": InquiryFactory(tenant=commune, email="nam@example.vn", name="Nam"),
        "account": Citizen.objects.create(issuer="https://id.test", subject="42", email=LAN),
    }


def _admin(user) -> Client:
    client = Client(HTTP_HOST="portal.test")
    client.force_login(user)
    return client


def _ids(found, key):
    return sorted(row.pk for row in found.kinds[key])


def test_a_site_administrator_finds_the_persons_items_on_their_own_sites_only(
    lans_data, commune_site_admin
):
    found = personal_data.find(
        personal_data.parse_query(" LAN@example.com "),
        tenant_ids=personal_data.scope(commune_site_admin),
    )
    assert _ids(found, "questions") == [lans_data["answered"].pk]
    assert _ids(found, "comments") == [lans_data["comment"].pk]
    assert _ids(found, "session_questions") == [lans_data["session_question"].pk]
    assert _ids(found, "ratings") == [lans_data["rating"].pk]
    assert "citizen_accounts" not in found.kinds  # accounts span every site


def test_the_board_finds_every_site_and_the_citizen_account(lans_data, board_member):
    found = personal_data.find(
        personal_data.parse_query(LAN), tenant_ids=personal_data.scope(board_member)
    )
    assert _ids(found, "questions") == sorted([lans_data["answered"].pk, lans_data["elsewhere"].pk])
    assert _ids(found, "citizen_accounts") == [lans_data["account"].pk]


def test_a_tracking_code_finds_its_question_and_the_rest_by_its_email(lans_data, superuser):
    code = lans_data["elsewhere"].tracking_code.lower().replace("-", " ")
    found = personal_data.find(personal_data.parse_query(code), tenant_ids=None)
    assert found.email == LAN
    assert _ids(found, "questions") == sorted([lans_data["answered"].pk, lans_data["elsewhere"].pk])


def test_the_screen_lists_and_exports_only_the_own_sites_items_and_audits_it(
    lans_data, commune_site_admin
):
    client = _admin(commune_site_admin)
    page = client.get(SCREEN, {"q": LAN})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Hỏi về đất ở" in html and "Hỏi xã khác" not in html
    assert "nam@example.vn" not in html

    download = client.post(SCREEN, {"q": LAN, "action": "export"})
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    data = json.loads(archive.read("data.json"))
    codes = [item["tracking_code"] for item in data["items"]["questions"]]
    assert codes == [lans_data["answered"].tracking_code]
    assert data["items"]["comments"][0]["email"] == "Lan@Example.com"
    name = data["items"]["questions"][0]["attachment"]
    assert "cccd" in name and name.endswith(".pdf")
    attachment = f"attachments/questions-{lans_data['answered'].pk}-{name}"
    assert archive.read(attachment) == b"%PDF-1.4 CCCD"

    entry = security_events(EXPORTED).get()
    assert entry.actor == commune_site_admin
    assert entry.additional_data["request"] == "l***@example.com"
    assert entry.additional_data["items"]["questions"] == [lans_data["answered"].pk]
    assert LAN not in json.dumps(entry.additional_data)


def test_erasing_anonymises_keeps_the_published_answer_and_is_audited(
    lans_data, commune_site_admin
):
    client = _admin(commune_site_admin)
    file_path = lans_data["answered"].attachment.path
    done = client.post(SCREEN, {"q": LAN, "action": "erase", "confirm": "yes"}, follow=True)
    assert "Đã ẩn danh hóa 4 bản ghi" in done.content.decode()

    answered = Inquiry.objects.get(pk=lans_data["answered"].pk)
    assert (answered.name, answered.email, answered.phone) == (ANONYMOUS, "", "")
    assert not answered.attachment
    assert not os.path.exists(file_path)
    assert answered.status == InquiryStatus.PUBLISHED
    assert answered.answer == "Hồ sơ nộp tại Bộ phận Một cửa."
    assert answered.content  # the published question stays
    comment = Comment.objects.get(pk=lans_data["comment"].pk)
    assert (comment.name, comment.email) == (ANONYMOUS, "")
    question = SessionQuestion.objects.get(pk=lans_data["session_question"].pk)
    assert (question.email, question.locality) == ("", "")
    rating = PageRating.objects.get(pk=lans_data["rating"].pk)
    assert rating.comment == "" and rating.useful is False  # the statistic stays

    # Another commune's item and another person's stay untouched; so does the account.
    assert Inquiry.objects.get(pk=lans_data["elsewhere"].pk).email == LAN
    assert Inquiry.objects.get(pk=lans_data["someone_else"].pk).name == "Nam"
    assert Citizen.objects.filter(pk=lans_data["account"].pk).exists()

    entry = security_events(ERASED).get()
    assert entry.actor == commune_site_admin
    assert entry.additional_data["items"]["comments"] == [lans_data["comment"].pk]
    # Nothing is left to find on the site.
    found = personal_data.find(
        personal_data.parse_query(LAN), tenant_ids=personal_data.scope(commune_site_admin)
    )
    assert found.total == 0


def test_erasing_needs_the_confirmation(lans_data, commune_site_admin):
    page = _admin(commune_site_admin).post(SCREEN, {"q": LAN, "action": "erase"})
    assert "Hãy đánh dấu ô xác nhận trước khi xóa." in page.content.decode()
    assert Inquiry.objects.get(pk=lans_data["answered"].pk).email == LAN
    assert not security_events(ERASED).exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lan@", "không phải là địa chỉ thư điện tử hợp lệ"),
        ("ABC-123", "không phải là mã tra cứu hợp lệ"),
        ("", "Hãy nhập địa chỉ thư điện tử hoặc mã tra cứu."),
    ],
)
def test_bad_input_gets_a_clear_message(province, commune_site_admin, typed, message):
    page = _admin(commune_site_admin).get(SCREEN, {"q": typed})
    assert page.status_code == 400
    assert message in page.content.decode()


def test_an_unknown_person_is_said_so(lans_data, commune_site_admin):
    page = _admin(commune_site_admin).get(SCREEN, {"q": "khong-co@example.vn"})
    assert page.status_code == 200
    assert "Không có dữ liệu nào của người này" in page.content.decode()


def test_an_editor_cannot_open_the_screen(province, commune_editor):
    assert _admin(commune_editor).get(SCREEN, {"q": LAN}).status_code == 403


def test_the_admin_home_links_the_screen_for_those_who_may_use_it(
    province, commune_site_admin, commune_editor
):
    assert SCREEN in _admin(commune_site_admin).get("/admin/").content.decode()
    assert SCREEN not in _admin(commune_editor).get("/admin/").content.decode()


def test_the_command_exports_and_erases_on_every_site(lans_data, tmp_path):
    out = tmp_path / "lan.zip"
    call_command("personal_data", "export", LAN, "--output", str(out), stdout=io.StringIO())
    data = json.loads(zipfile.ZipFile(out).read("data.json"))
    assert len(data["items"]["questions"]) == 2
    assert data["items"]["citizen_accounts"][0]["email"] == LAN
    with pytest.raises(CommandError, match="--yes"):
        call_command("personal_data", "erase", LAN, stdout=io.StringIO())
    call_command("personal_data", "erase", LAN, "--yes", stdout=io.StringIO())
    assert Inquiry.objects.get(pk=lans_data["elsewhere"].pk).email == ""
    assert not Citizen.objects.filter(pk=lans_data["account"].pk).exists()
    assert security_events(EXPORTED).get().additional_data["via"] == "command"
    assert security_events(ERASED).count() == 1
    with pytest.raises(CommandError, match="mã tra cứu hợp lệ"):
        call_command("personal_data", "show", "XYZ", stdout=io.StringIO())
