"""The public shell: branded pages per site, both languages, headers, errors, budgets."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from tests.portal.sitemap_client import sitemap_locations
from tests.tenants.factories import TenantFactory

pytestmark = pytest.mark.django_db


def test_province_and_commune_are_two_distinct_branded_sites(province, commune, site_client):
    portal = site_client(province).get("/").content.decode()
    site = site_client(commune).get("/").content.decode()
    assert '<span class="brand-name">Tỉnh Thử Nghiệm</span>' in portal
    assert '<span class="brand-name">Xã An Bình</span>' in site
    assert '<span class="brand-name">Xã An Bình</span>' not in portal
    assert 'href="http://xaa.portal.test/"' in portal  # component site linked from the portal
    assert 'href="http://portal.test/"' in site  # parent portal linked from the commune


def test_english_site_at_en_prefix(commune, site_client):
    client = site_client(commune)
    vi = client.get("/gioi-thieu/")
    en = client.get("/en/gioi-thieu/")
    assert '<html lang="vi">' in vi.content.decode()
    assert '<html lang="en">' in en.content.decode()
    assert "An Binh Commune" in en.content.decode()
    assert "Contact information" in en.content.decode()
    assert "Thông tin liên hệ" in vi.content.decode()


def test_footer_carries_the_decree_information(commune, site_client):
    commune.responsible_person = "Trần Thị B"
    commune.hotline = "1900 0000"
    commune.save()
    text = site_client(commune).get("/").content.decode()
    for expected in (
        "Cơ quan chủ quản",
        "Trần Thị B",
        "Thôn 1",
        "1900 0000",
        "xaa@example.gov.vn",
        "©",
    ):
        assert expected in text


def test_security_headers_and_csp_without_inline_scripts(commune, site_client):
    response = site_client(commune).get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()


def test_hsts_only_over_https(commune):
    plain = Client(HTTP_HOST="xaa.portal.test").get("/")
    secure = Client(HTTP_HOST="xaa.portal.test").get("/", secure=True)
    assert "Strict-Transport-Security" not in plain
    assert "max-age=" in secure["Strict-Transport-Security"]


@pytest.mark.parametrize(
    "path,status",
    [
        ("/khong-co/", 404),
        ("/fr/", 404),
        ("/xx/gioi-thieu/", 404),
        ("/" + "a" * 5000, 404),
        ("/en/khong-co/", 404),
    ],
)
def test_bad_paths_get_branded_pages_not_500(commune, site_client, path, status):
    response = site_client(commune).get(path)
    assert response.status_code == status
    name = "An Binh Commune" if path.startswith("/en/") else "Xã An Bình"
    assert name in response.content.decode()


def test_404_in_english_under_en(commune, site_client):
    response = site_client(commune).get("/en/nothing-here/")
    assert "Page not found" in response.content.decode()


def test_forged_admin_post_without_csrf_is_403(commune, commune_editor):
    client = Client(HTTP_HOST="xaa.portal.test", enforce_csrf_checks=True)
    client.force_login(commune_editor)
    response = client.post(f"/admin/tenants/tenant/{commune.pk}/change/", {"name_vi": "X"})
    assert response.status_code == 403
    commune.refresh_from_db()
    assert commune.name_vi == "Xã An Bình"


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom)]
handler500 = "portal.errors.server_error"


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_server_error_is_a_branded_500(commune):
    client = Client(HTTP_HOST="xaa.portal.test", raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Lỗi hệ thống" in response.content.decode()
    assert "Xã An Bình" in response.content.decode()


def test_robots_txt_per_site_points_to_its_sitemap(commune, site_client):
    response = site_client(commune).get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://xaa.portal.test/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_favicon_is_the_emblem_without_a_query(commune, site_client, django_assert_num_queries):
    client = site_client(commune)
    client.get("/robots.txt")  # the host is resolved and cached
    with django_assert_num_queries(0):
        response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/emblem.svg"
    assert "max-age=86400" in response["Cache-Control"]
    emblem = client.get(response["Location"])
    assert emblem.status_code == 200
    assert emblem["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(emblem.streaming_content)


def test_favicon_of_an_unknown_host_is_still_404():
    assert Client(HTTP_HOST="unknown.test").get("/favicon.ico").status_code == 404


def test_sitemap_xml_parses_and_lists_this_site_only(commune, other_commune, site_client):
    locations = sitemap_locations(site_client(commune))
    assert "http://xaa.portal.test/" in locations
    assert all("xab." not in loc for loc in locations)


def test_theme_css_carries_the_site_colour(commune, site_client):
    commune.theme_color = "#123456"
    commune.save()
    response = site_client(commune).get("/theme.css")
    assert response["Content-Type"].startswith("text/css")
    assert "#123456" in response.content.decode()


def test_search_box_route_answers_coming_soon_and_escapes_input(commune, site_client):
    response = site_client(commune).get("/tim-kiem/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()


HOME_AND_ABOUT = ("/", "/gioi-thieu/", "/en/", "/en/gioi-thieu/")
# What a cold cache costs, per contributor; nothing grows with the number of sites and a
# warm cache costs 0. Shell: host → domain (2) and the site tree (1). Content: menu,
# categories, featured, units' news, links, banners, alert (7). Procedures: the home
# search block's counts (1). Dialogue: the footer's main hotline (1). Operations: the
# planned-downtime notices (1).
COLD_BUDGET = 3 + 7 + 1 + 1 + 1


def _cold_query_counts(client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for url in HOME_AND_ABOUT:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


def test_warm_home_and_about_pages_run_no_query(commune, site_client, django_assert_num_queries):
    client = site_client(commune)
    for url in HOME_AND_ABOUT:
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200


def test_cold_home_and_about_query_count_is_fixed_whatever_the_number_of_sites(
    province, commune, site_client
):
    client = site_client(province)
    few = _cold_query_counts(client)
    for n in range(30):
        TenantFactory(parent=province, slug=f"extra{n}")
    many = _cold_query_counts(client)
    assert few == many
    assert max(many) <= COLD_BUDGET


def test_a_province_with_many_sites_links_its_tree_instead_of_listing_each_in_the_footer(
    province, site_client
):
    for n in range(13):
        TenantFactory(parent=province, slug=f"xaextra{n}", name_vi=f"Xã Phụ {n}")
    html = site_client(province).get("/").content.decode()
    footer = html[html.index("<footer") :]
    assert "Xã Phụ 0" not in footer
    assert "trang thành phần" in footer and "#tree-title" in footer
    english = site_client(province).get("/en/").content.decode()
    assert "component sites" in english[english.index("<footer") :]
