"""Citizen sign-in in real Chromium against a local OpenID Connect provider
(node-oidc-provider): the Q&A form's offer, the provider's login and consent pages, the
way back prefilled, and "Câu hỏi của tôi" with what the citizen sent on two sites.

Screenshots of the round trip go to docs/img/ when SCREENSHOTS=1 (docs/channels.md)."""

import os
from pathlib import Path

import pytest

from citizens.models import Citizen
from dialogue.models import InquiryStatus
from tests.citizens.conftest import configure
from tests.citizens.provider import CALLBACK_PATH, CITIZEN_LOGIN, start_provider
from tests.dialogue.factories import InquiryFactory
from tests.documents.factories import CommentFactory, ConsultationFactory
from tests.harness.ports import worker_port

pytestmark = pytest.mark.e2e

PROVIDER_PORT = worker_port(21705, 10)  # tests/harness/ports.py
IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


def _shot(page, name: str) -> None:
    if os.environ.get("SCREENSHOTS"):
        IMG.mkdir(exist_ok=True)
        page.screenshot(path=str(IMG / name), full_page=True)


@pytest.fixture
def provider(live_server, settings):
    port = live_server.url.rsplit(":", 1)[1]
    running = start_provider(PROVIDER_PORT, [f"http://localhost:{port}{CALLBACK_PATH}"])
    configure(settings, running.url)
    yield running
    running.stop()


def test_citizen_signs_in_through_the_provider_and_sees_my_questions(
    page, e2e_sites, site_url, provider, assert_accessible
):
    province, commune = e2e_sites["province"], e2e_sites["commune"]
    page.set_viewport_size({"width": 1100, "height": 800})
    page.goto(site_url(province, "/hoi-dap/gui-cau-hoi/"))
    page.get_by_role("link", name="Đăng nhập bằng VNeID để điền sẵn").click()

    page.wait_for_url(f"{provider.url}/interaction/**")
    page.get_by_label("Số định danh cá nhân").fill(CITIZEN_LOGIN)
    page.locator("button[type=submit]").click()
    page.wait_for_selector("form[action$='/confirm']")
    _shot(page, "citizen-consent.png")
    page.locator("form[action$='/confirm'] button").click()

    page.wait_for_url(site_url(province, "/hoi-dap/gui-cau-hoi/"))
    name = page.locator("#id_name")
    assert name.input_value() == "Nguyễn Thị Hoa"
    assert name.is_disabled()
    assert "Đã đăng nhập bằng VNeID" in page.content()

    citizen = Citizen.objects.get()
    InquiryFactory(
        tenant=province,
        citizen=citizen,
        name=citizen.name,
        title="Hỏi về cấp giấy chứng nhận quyền sử dụng đất",
        status=InquiryStatus.PUBLISHED,
        answer="Hồ sơ gồm đơn đề nghị và giấy tờ về quyền sử dụng đất.",
    )
    CommentFactory(
        consultation=ConsultationFactory(tenant=commune, title_vi="Dự thảo quy hoạch chợ xã"),
        citizen=citizen,
        name=citizen.name,
    )
    page.goto(site_url(province, "/tai-khoan/"))
    page.locator("details summary").first.click()
    text = page.content()
    assert "Câu hỏi của tôi" in text
    assert "Hỏi về cấp giấy chứng nhận" in text and "giấy tờ về quyền sử dụng đất" in text
    assert "Dự thảo quy hoạch chợ xã" in text and "Xã An Bình" in text
    link = page.get_by_role("link", name="Dự thảo quy hoạch chợ xã")
    assert link.get_attribute("href").startswith(site_url(commune, "/lay-y-kien-du-thao/"))
    assert_accessible(page)
    _shot(page, "citizen-my-questions.png")
