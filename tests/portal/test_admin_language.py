"""Staff switch the admin between Vietnamese and English, and the English admin is English.

The switch in the admin header keeps the choice in a cookie for /admin/ only
(portal/admin_language.py); public pages keep their URL's language. The walk opens every
registered ModelAdmin's changelist and add page — a new model joins by itself — with
one object of each kind from the isolation harness's makers, and reads the interface
text (tests/portal/admin_text.py): no Vietnamese in English, no English labels in
Vietnamese.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from portal.admin_language import COOKIE_NAME
from tests.isolation.harness import discover_cases
from tests.portal.admin_text import ENGLISH_WORDS, has_vietnamese, interface_text

pytestmark = pytest.mark.django_db

SWITCH_URL = "/admin/ngon-ngu/"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def staff_client(province, superuser):
    client = Client(HTTP_HOST="portal.test")
    client.force_login(superuser)
    return client


def _switch(client: Client, language: str, next_url: str = "/admin/"):
    return client.post(SWITCH_URL, {"language": language, "next": next_url})


# The switch


def test_the_header_offers_english_and_the_choice_sticks(staff_client):
    page = staff_client.get("/admin/").content.decode()
    assert 'lang="en">English</button>' in page
    assert "Bảng điều khiển" in page

    response = _switch(staff_client, "en", "/admin/content/article/?q=x")
    assert response.status_code == 302
    assert response["Location"] == "/admin/content/article/?q=x"
    assert response.cookies[COOKIE_NAME].value == "en"
    assert response.cookies[COOKIE_NAME]["path"] == "/admin/"

    response = staff_client.get("/admin/")
    page = response.content.decode()
    assert '<html lang="en"' in page
    assert "Dashboard" in page
    assert 'lang="vi">Tiếng Việt</button>' in page
    assert response["Content-Language"] == "en"
    assert "Cookie" in response["Vary"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    _switch(staff_client, "vi")
    assert "Bảng điều khiển" in staff_client.get("/admin/").content.decode()


def test_the_sign_in_page_has_the_switch_too(province):
    client = Client(HTTP_HOST="portal.test")
    assert 'lang="en">English</button>' in client.get("/admin/login/").content.decode()
    _switch(client, "en", "/admin/login/?next=/admin/")
    page = client.get("/admin/login/?next=/admin/").content.decode()
    assert "Log in" in page and 'lang="vi">Tiếng Việt</button>' in page


@pytest.mark.parametrize(
    "unsafe",
    [
        "https://evil.example/",
        "//evil.example/admin/",
        "https://evil.example/admin/",
        "/tin-tuc/",
        "/admin/../tin-tuc/",
        "",
    ],
)
def test_the_switch_goes_back_only_into_this_sites_admin(staff_client, unsafe):
    response = _switch(staff_client, "en", unsafe)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert response.cookies[COOKIE_NAME].value == "en"


def test_the_switch_takes_only_a_post_with_its_csrf_token(province):
    client = Client(HTTP_HOST="portal.test", enforce_csrf_checks=True)
    assert client.get(SWITCH_URL).status_code == 405
    assert _switch(client, "en").status_code == 403
    assert COOKIE_NAME not in client.cookies


def test_an_unknown_language_changes_nothing(staff_client):
    response = _switch(staff_client, "fr")
    assert response.status_code == 302
    assert COOKIE_NAME not in response.cookies


def test_the_public_pages_keep_the_language_of_their_url(staff_client):
    _switch(staff_client, "en")
    home = staff_client.get("/")
    assert home.status_code == 200
    assert '<html lang="vi"' in home.content.decode()
    assert "Cookie" not in home.get("Vary", "") or COOKIE_NAME not in home.get("Vary", "")

    anonymous = Client(HTTP_HOST="portal.test")
    anonymous.cookies[COOKIE_NAME] = "en"
    home = anonymous.get("/")
    assert '<html lang="vi"' in home.content.decode()
    assert home.get("Content-Language") == "vi"
    _switch(anonymous, "vi")
    english_home = anonymous.get("/en/")
    assert '<html lang="en"' in english_home.content.decode()


# The walk


def _make_one_of_each(tenant) -> None:
    for case in discover_cases():
        if case.admin_model is not None:
            case.make(tenant, f"MARK{case.name}")


def _admin_pages(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        yield reverse("admin:{}_{}_changelist".format(*info))
        if model_admin.has_add_permission(request):
            yield reverse("admin:{}_{}_add".format(*info))


def _walk(client: Client, superuser, language: str):
    """(url, status, parsed interface text) of every changelist and add page."""
    for url in _admin_pages(superuser):
        response = client.get(url, follow=True)
        yield url, response.status_code, interface_text(response.content.decode(), language)


def test_the_english_admin_has_no_vietnamese(staff_client, commune, superuser):
    _make_one_of_each(commune)
    _switch(staff_client, "en")
    failures = []
    for url, status, text in _walk(staff_client, superuser, "en"):
        if status != 200:
            failures.append(f"{url}: {status}")
            continue
        vietnamese = sorted({s for s in text.strings if has_vietnamese(s)})
        if vietnamese:
            failures.append(f"{url}: {vietnamese}")
    assert failures == [], "\n".join(failures)


def test_the_vietnamese_admin_labels_are_not_english(staff_client, commune, superuser):
    _make_one_of_each(commune)
    failures = []
    for url, status, text in _walk(staff_client, superuser, "vi"):
        if status != 200:
            failures.append(f"{url}: {status}")
            continue
        english = sorted({s for s in text.headings + text.labels if ENGLISH_WORDS.search(s)})
        if english:
            failures.append(f"{url}: {english}")
    assert failures == [], "\n".join(failures)
