"""Signing a citizen in against a real OpenID Connect provider (node-oidc-provider on a
local port): the redirect flow with PKCE, state and nonce, and every way it can fail —
each with a clear Vietnamese message, never a 500."""

from urllib.parse import parse_qs, urlsplit

import pytest

from citizens.accounts import SESSION_KEY
from citizens.models import Citizen
from tests.citizens.conftest import PORT_DOWN, configure
from tests.citizens.provider import consent_round_trip

CALLBACK_PREFIX = "http://portal.test/tai-khoan/oidc/callback/"


def _start(client, next_url=None) -> str:
    response = client.get("/tai-khoan/dang-nhap/", {"next": next_url} if next_url else {})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def _callback_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _sign_in(client, next_url=None):
    authorize_url = _start(client, next_url)
    back = consent_round_trip(authorize_url, CALLBACK_PREFIX)
    return client.get(_callback_path(back))


def test_authorization_request_uses_pkce_state_and_nonce(client, oidc_good):
    query = parse_qs(urlsplit(_start(client)).query)
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0]
    assert query["redirect_uri"] == [CALLBACK_PREFIX]
    assert "openid" in query["scope"][0].split()


def test_citizen_signs_in_and_sees_my_questions(client, oidc_good):
    response = _sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/"

    citizen = Citizen.objects.get()
    assert citizen.subject == "c1d0a9e4-hoa"
    assert citizen.issuer == oidc_good.issuer
    assert (citizen.name, citizen.email, citizen.phone) == (
        "Nguyễn Thị Hoa",
        "hoa.nguyen@example.vn",
        "0912345678",
    )
    page = client.get("/tai-khoan/").content.decode()
    assert "Câu hỏi của tôi" in page
    assert "Nguyễn Thị Hoa" in page
    assert "đã xác thực" in page
    # A citizen is not a staff user: the admin still asks for a staff sign-in.
    assert client.get("/admin/").status_code == 302


def test_sign_in_returns_to_the_page_the_citizen_came_from(client, oidc_good):
    response = _sign_in(client, next_url="/hoi-dap/gui-cau-hoi/")
    assert response["Location"] == "/hoi-dap/gui-cau-hoi/"


def test_sign_in_never_redirects_to_another_site(client, oidc_good):
    response = _sign_in(client, next_url="https://lua-dao.example.com/")
    assert response["Location"] == "/tai-khoan/"


def test_signing_in_twice_keeps_one_citizen_and_renews_the_session(client, oidc_good):
    _sign_in(client)
    first_session = client.session.session_key
    client.post("/tai-khoan/dang-xuat/")
    _sign_in(client)
    assert Citizen.objects.count() == 1
    assert client.session.session_key != first_session


def test_sign_out_ends_the_citizen_session(client, oidc_good):
    _sign_in(client)
    response = client.post("/tai-khoan/dang-xuat/", follow=True)
    assert "Bạn đã đăng xuất." in response.content.decode()
    assert SESSION_KEY not in client.session
    assert "Đăng nhập bằng VNeID" in client.get("/tai-khoan/").content.decode()


def test_wrong_state_is_refused_with_a_clear_message(client, oidc_good):
    back = consent_round_trip(_start(client), CALLBACK_PREFIX)
    tampered = back.replace("state=", "state=x")
    response = client.get(_callback_path(tampered))
    assert response.status_code == 400
    assert "mã state không khớp" in response.content.decode()
    assert not Citizen.objects.exists()


def test_replayed_code_is_refused_by_the_provider(client, oidc_good, province, site_client):
    authorize_url = _start(client)
    saved_state = {k: v for k, v in client.session.items() if k.startswith("_state_")}
    back = consent_round_trip(authorize_url, CALLBACK_PREFIX)
    assert client.get(_callback_path(back)).status_code == 302

    # An attacker replays the same code from another browser holding a copy of the
    # state data: the provider itself refuses a code that was already exchanged.
    attacker = site_client(province)
    session = attacker.session
    session.update(saved_state)
    session.save()
    response = attacker.get(_callback_path(back))
    assert response.status_code == 400
    assert "Mã đăng nhập không còn hiệu lực" in response.content.decode()
    assert SESSION_KEY not in attacker.session


def test_replaying_the_callback_in_the_same_browser_is_refused(client, oidc_good):
    back = consent_round_trip(_start(client), CALLBACK_PREFIX)
    assert client.get(_callback_path(back)).status_code == 302
    response = client.get(_callback_path(back))
    assert response.status_code == 400
    assert "đăng nhập lại từ đầu" in response.content.decode()


def test_expired_id_token_is_refused(client, oidc_providers, settings):
    configure(settings, oidc_providers["skewed"].url)
    response = _sign_in(client)
    assert response.status_code == 400
    assert "đã hết hạn" in response.content.decode()
    assert not Citizen.objects.exists()


def test_provider_announcing_another_issuer_is_refused(client, oidc_providers, settings):
    configure(settings, oidc_providers["wrong_issuer"].url)
    response = client.get("/tai-khoan/dang-nhap/")
    assert response.status_code == 503
    assert "issuer" in response.content.decode()
    assert "Đăng nhập bị từ chối" in response.content.decode()


def test_provider_down_keeps_the_site_working_and_says_so(client, province, settings):
    configure(settings, f"http://127.0.0.1:{PORT_DOWN}")
    account = client.get("/tai-khoan/")
    assert account.status_code == 200
    assert "tạm thời không sẵn sàng" in account.content.decode()
    start = client.get("/tai-khoan/dang-nhap/")
    assert start.status_code == 503
    assert "hiện không phản hồi" in start.content.decode()
    assert client.get("/hoi-dap/gui-cau-hoi/").status_code == 200


def test_provider_going_down_between_redirect_and_callback(client, oidc_good, settings):
    back = consent_round_trip(_start(client), CALLBACK_PREFIX)
    configure(settings, f"http://127.0.0.1:{PORT_DOWN}")
    response = client.get(_callback_path(back))
    assert response.status_code == 400
    assert "hiện không phản hồi" in response.content.decode()


def test_citizen_who_cancels_at_the_provider_gets_a_message(client, oidc_good):
    _start(client)
    response = client.get("/tai-khoan/oidc/callback/?error=access_denied&state=abc")
    assert response.status_code == 400
    assert "hủy đăng nhập" in response.content.decode()


@pytest.mark.parametrize("issuer", ["", "http://127.0.0.1:1"])
def test_sign_in_off_or_half_configured_hides_the_link(client, settings, issuer):
    settings.CITIZEN_OIDC_ISSUER = issuer
    settings.CITIZEN_OIDC_CLIENT_ID = ""
    home = client.get("/")
    assert home.status_code == 200
    assert "Tài khoản công dân" not in home.content.decode()
    assert "chưa bật đăng nhập" in client.get("/tai-khoan/").content.decode()
    assert client.get("/tai-khoan/dang-nhap/").status_code == 503
    assert client.get("/tai-khoan/oidc/callback/?code=a&state=b").status_code == 400


def test_header_links_to_the_account_page_when_configured(client, oidc_good):
    assert 'href="/tai-khoan/"' in client.get("/").content.decode()
    assert 'href="/en/tai-khoan/"' in client.get("/en/").content.decode()


def test_english_sign_in_comes_back_in_english(client, oidc_good):
    authorize_url = client.get("/en/tai-khoan/dang-nhap/")["Location"]
    back = consent_round_trip(authorize_url, CALLBACK_PREFIX)
    response = client.get(_callback_path(back), follow=True)
    assert response.redirect_chain[0][0] == "/en/tai-khoan/"
    assert "My questions" in response.content.decode()
