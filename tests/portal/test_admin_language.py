"""Staff switch the admin between Vietnamese and English, and the English admin is English.

The switch in the admin header keeps the choice in a cookie for /admin/ only
(portal/admin_language.py); public pages keep their URL's language. The walk opens every
registered ModelAdmin's changelist and add page — a new model joins by itself — with
one object of each kind from the isolation harness's makers, and reads the interface
text (tests/portal/admin_text.py): no Vietnamese in English, no English labels in
Vietnamese.
"""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.admin.filters import AllValuesFieldListFilter, RelatedFieldListFilter
from django.test import Client, RequestFactory
from django.urls import URLResolver, reverse

from portal.admin_language import COOKIE_NAME
from tests.isolation.harness import discover_cases
from tests.portal.admin_text import ENGLISH_WORDS, has_vietnamese, interface_text

pytestmark = pytest.mark.django_db

SWITCH_URL = "/admin/ngon-ngu/"
ARGUMENT = re.compile(r"<|\(\?P|\^|\$")


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
    assert '<a href="/en/">View site</a>' in page
    assert response["Content-Language"] == "en"
    assert "Cookie" in response["Vary"]
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    _switch(staff_client, "vi")
    assert "Bảng điều khiển" in staff_client.get("/admin/").content.decode()


def test_the_sign_in_page_has_the_switch_too(province):
    client = Client(HTTP_HOST="portal.test")
    assert 'lang="en">English</button>' in client.get("/admin/login/").content.decode()
    _switch(client, "en", "/admin/login/?next=/admin/")
    response = client.get("/admin/login/?next=/admin/")
    page = response.content.decode()
    assert "Log in" in page and 'lang="vi">Tiếng Việt</button>' in page
    # Kept by no cache in front (deploy/nginx.conf caches anonymous pages, ignoring Vary).
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


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

    without_cookie = Client(HTTP_HOST="portal.test").get("/")
    anonymous = Client(HTTP_HOST="portal.test")
    anonymous.cookies[COOKIE_NAME] = "en"
    with_cookie = anonymous.get("/")
    assert with_cookie.get("Content-Language") == "vi"
    # The same page, but for the footer's visit counts.
    assert _without_counts(with_cookie) == _without_counts(without_cookie)
    assert with_cookie.get("Vary") == without_cookie.get("Vary")
    assert '<html lang="en"' in anonymous.get("/en/").content.decode()


def _without_counts(response) -> str:
    return re.sub(r"<dd>[\d.,]+</dd>", "", response.content.decode())


# The walk


def _make_one_of_each(tenant) -> None:
    for case in discover_cases():
        if case.admin_model is not None:
            case.make(tenant, f"MARK{case.name}")


def _admin_pages(superuser, *, change_pages: bool):
    """Each model's changelist, its add page (unless no one may add) and, if asked, the
    change page of one of its objects."""
    request = RequestFactory().get("/admin/")
    request.user, request.session = superuser, {}
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        yield reverse("admin:{}_{}_changelist".format(*info))
        if model_admin.has_add_permission(request):
            yield reverse("admin:{}_{}_add".format(*info))
        obj = change_pages and model_admin.get_queryset(request).order_by("pk").first()
        if obj:
            yield reverse("admin:{}_{}_change".format(*info), args=[obj.pk])


# Admin URLs without arguments that are not pages to read: actions, the sign-in steps,
# and the JavaScript/JSON the pages call.
NOT_PAGES = {
    "login",
    "logout",
    "second_factor",
    "switch_language",
    "switch_working_tenant",
    "autocomplete",
    "jsi18n",
}


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name


def _other_admin_pages():
    """The home page, each app's page and the admin's own views (dashboards, results,
    passkeys...): every admin URL that takes no argument."""
    yield reverse("admin:index")
    for label in sorted({model._meta.app_label for model in admin.site._registry}):
        yield reverse("admin:app_list", args=[label])
    for route, name in _routes(admin.site.get_urls()):
        if not route or not name or name in NOT_PAGES or ARGUMENT.search(route):
            continue
        if not name.endswith(("_changelist", "_add")):
            yield reverse(f"admin:{name}")


def _walk(client: Client, superuser, language: str, *, change_pages: bool = False):
    """(url, status, parsed interface text) of every admin page there is to read."""
    for url in [*_admin_pages(superuser, change_pages=change_pages), *_other_admin_pages()]:
        response = client.get(url, follow=True)
        if not response["Content-Type"].startswith("text/html"):
            continue  # a download or JSON for the editor's widgets
        original = response.context.get("original") if response.context else None
        names = frozenset({str(original)} if original is not None else ())
        text = interface_text(response.content.decode(), language, _data_filters(response), names)
        yield url, response.status_code, text


def _data_filters(response) -> frozenset[str]:
    """The changelist's filters whose choices are objects or stored values, not labels."""
    changelist = response.context.get("cl") if response.context else None
    specs = getattr(changelist, "filter_specs", ())
    return frozenset(
        str(spec.title)
        for spec in specs
        if isinstance(spec, RelatedFieldListFilter | AllValuesFieldListFilter)
    )


def test_the_english_admin_has_no_vietnamese(staff_client, commune, superuser):
    _make_one_of_each(commune)
    _switch(staff_client, "en")
    failures = []
    for url, status, text in _walk(staff_client, superuser, "en", change_pages=True):
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


def test_the_sign_in_steps_are_english_too(province):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.accounts.test_second_factor import PASSWORD, _current_code
    from tests.tenants.factories import UserFactory

    user = UserFactory(is_staff=True, is_superuser=True)
    client = Client(HTTP_HOST="portal.test")
    _switch(client, "en", "/admin/login/")
    signed_in = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert signed_in.status_code == 302
    enrol = client.get("/admin/xac-thuc-hai-buoc/?next=/admin/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    codes = client.post(
        "/admin/xac-thuc-hai-buoc/", {"code": _current_code(device), "next": "/admin/"}
    )
    pages = [(enrol, "Install an authenticator app"), (codes, "Two-step verification is on.")]
    for page, sentence in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert sentence in html
        assert [s for s in interface_text(html, "en").strings if has_vietnamese(s)] == []


# Names that read the same in the singular and the plural: sections, settings, statistics.
SAME_IN_PLURAL = {
    "compliance.VisitDaily",
    "dialogue.DialogueSettings",
    "search.SearchQueryStat",
    "disclosure.DeadlineRule",
    "disclosure.PlanningRecord",
    "disclosure.BudgetRecord",
    "disclosure.InvestmentRecord",
    "disclosure.StatisticsRecord",
    "disclosure.RecruitmentRecord",
    "disclosure.AntiCorruptionRecord",
    "disclosure.ScienceRecord",
    "disclosure.LandRecord",
    "disclosure.PlanDetails",
    "disclosure.ProjectDetails",
    "disclosure.BudgetDetails",
    "disclosure.DatasetDetails",
    "disclosure.RecruitmentDetails",
}


def test_english_model_names_have_a_plural():
    """Vietnamese has one form ("tin bài"); English says "Add article", "Articles"."""
    from django.apps import apps
    from django.conf import settings
    from django.utils import translation

    singular_only = []
    for model in apps.get_models():
        meta = model._meta
        in_project = model.__module__.split(".")[0] in settings.INSTALLED_APPS
        if not in_project or meta.label in SAME_IN_PLURAL:
            continue
        with translation.override("en"):
            if str(meta.verbose_name) == str(meta.verbose_name_plural):
                singular_only.append(f"{meta.label}: {meta.verbose_name}")
    assert singular_only == []
    with translation.override("en"):
        assert str(apps.get_model("content.Leader")._meta.verbose_name) == "leader"
        assert str(apps.get_model("content.Article")._meta.verbose_name_plural) == "articles"


# The walk's reader


def test_the_reader_finds_vietnamese_interface_text_and_skips_data():
    html = """<html><head><title>Thêm tin bài | Admin</title></head><body>
    <form lang="vi"><button>Tiếng Việt</button></form>
    <h1>Add article</h1><label for="t">Tiêu đề:</label><input value="Giá trị">
    <table id="result_list"><thead><tr><th>Title</th></tr></thead>
    <tbody><tr><th><a href="1/">Tin bài số một</a></th></tr></tbody></table>
    <div class="related-widget-wrapper"><select><option>Xã An Bình</option></select></div>
    <select name="action"><option>Đăng các mục đã chọn</option></select>
    <div class="help"><div>For example: 15/2024/QĐ-UBND</div></div>
    </body></html>"""
    strings = interface_text(html, "en").strings
    vietnamese = [s for s in strings if has_vietnamese(s)]
    assert vietnamese == ["Thêm tin bài | Admin", "Tiêu đề:", "Đăng các mục đã chọn"]
    assert "Title" in strings and "Add article" in strings


def test_the_reader_finds_english_labels_in_the_vietnamese_admin():
    html = '<h1>Thêm tin bài</h1><div class="form-row"><label>Title:</label></div>'
    text = interface_text(html, "vi")
    assert [s for s in text.headings + text.labels if ENGLISH_WORDS.search(s)] == ["Title:"]
