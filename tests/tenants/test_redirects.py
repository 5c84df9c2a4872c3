"""The redirect table: old URLs answer 301 in one hop or 410, and cost nothing otherwise."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tenants.models import UrlRedirect
from tenants.redirects import (
    RedirectError,
    find_redirect,
    normalize_path,
    record_gone,
    record_redirect,
)

pytestmark = pytest.mark.django_db


def get(host, path="/"):
    return Client(HTTP_HOST=host).get(path)


def test_normalize_path_matches_what_django_sees():
    assert normalize_path("tin-tuc/abc.html") == "/tin-tuc/abc.html"
    assert normalize_path("/Pages/x.aspx?ItemID=5#top") == "/Pages/x.aspx?ItemID=5"
    assert normalize_path("/tin-tuc/Bài 1.html") == "/tin-tuc/B%C3%A0i%201.html"
    assert normalize_path("/tin-tuc/B%C3%A0i%201.html") == "/tin-tuc/B%C3%A0i%201.html"
    assert normalize_path("http://old.gov.vn/a/b?c=1") == "/a/b?c=1"


def test_old_path_on_a_known_host_answers_301_with_scheme_and_port(province):
    record_redirect(
        hostname="portal.test",
        path="/tin-tuc/abc.html",
        target_host="",
        target_path="/gioi-thieu/",
        reason="slug_change",
    )
    response = get("portal.test:8000", "/tin-tuc/abc.html")
    assert response.status_code == 301
    assert response["Location"] == "http://portal.test:8000/gioi-thieu/"


def test_unknown_host_with_a_recorded_path_answers_301_to_the_new_site(province):
    record_redirect(
        hostname="OLD-Commune.gov.vn.",
        path="/Pages/x.aspx?ItemID=5",
        target_host="portal.test",
        target_path="/gioi-thieu/",
        reason="import",
        tenant=province,
    )
    response = get("old-commune.gov.vn", "/Pages/x.aspx?ItemID=5")
    assert response.status_code == 301
    assert response["Location"] == "http://portal.test/gioi-thieu/"
    # Another item of the same old page is not this one.
    assert get("old-commune.gov.vn", "/Pages/x.aspx?ItemID=6").status_code == 404
    # A tracking parameter does not break an old link.
    response = get("old-commune.gov.vn", "/Pages/x.aspx?ItemID=5")
    assert get("old-commune.gov.vn", "/Pages/y.aspx").status_code == 404


def test_tracking_query_falls_back_to_the_bare_path(province):
    record_redirect(
        hostname="portal.test",
        path="/tin-cu/",
        target_host="",
        target_path="/gioi-thieu/",
        reason="slug_change",
    )
    response = get("portal.test", "/tin-cu/?utm_source=facebook")
    assert response.status_code == 301
    assert response["Location"] == "http://portal.test/gioi-thieu/"


def test_english_prefix_keeps_the_language(province):
    record_redirect(
        hostname="portal.test",
        path="/tin-cu/",
        target_host="",
        target_path="/gioi-thieu/",
        reason="slug_change",
    )
    response = get("portal.test", "/en/tin-cu/")
    assert response.status_code == 301
    assert response["Location"] == "http://portal.test/en/gioi-thieu/"


def test_gone_answers_410_with_a_branded_page(province):
    record_gone(hostname="portal.test", path="/tin-tuc/da-go.html", reason="retire")
    response = get("portal.test", "/tin-tuc/da-go.html")
    assert response.status_code == 410
    body = response.content.decode()
    assert "Nội dung đã được gỡ bỏ" in body
    assert "Tỉnh Thử Nghiệm" in body  # the site's own header, not a bare page


def test_gone_on_an_unknown_host_is_branded_by_the_owning_site(province):
    record_gone(hostname="old.gov.vn", path="/a.html", reason="retire", tenant=province)
    response = get("old.gov.vn", "/a.html")
    assert response.status_code == 410
    assert "Tỉnh Thử Nghiệm" in response.content.decode()
    record_gone(hostname="older.gov.vn", path="/a.html", reason="retire")
    assert get("older.gov.vn", "/a.html").status_code == 410


def test_chains_collapse_to_one_hop(province):
    record_redirect(
        hostname="portal.test", path="/a/", target_host="", target_path="/b/", reason="slug_change"
    )
    record_redirect(
        hostname="old.gov.vn",
        path="/x",
        target_host="portal.test",
        target_path="/b/",
        reason="import",
    )
    record_redirect(
        hostname="portal.test", path="/b/", target_host="", target_path="/c/", reason="slug_change"
    )
    assert find_redirect("portal.test", "/a/").target_path == "/c/"
    assert find_redirect("portal.test", "/b/").target_path == "/c/"
    row = find_redirect("old.gov.vn", "/x")
    assert (row.target_host, row.target_path) == ("portal.test", "/c/")
    # Moving to another host: same-host rows name the host explicitly now.
    record_redirect(
        hostname="portal.test",
        path="/c/",
        target_host="new.gov.vn",
        target_path="/d/",
        reason="merge",
    )
    for host, path in (("portal.test", "/a/"), ("portal.test", "/b/"), ("old.gov.vn", "/x")):
        row = find_redirect(host, path)
        assert (row.target_host, row.target_path) == ("new.gov.vn", "/d/"), (host, path)
    response = get("portal.test", "/a/")
    assert response["Location"] == "http://new.gov.vn/d/"


def test_the_target_is_live_so_its_own_old_row_goes(province):
    record_redirect(
        hostname="portal.test", path="/a/", target_host="", target_path="/b/", reason="slug_change"
    )
    # Another item takes the address /a/ later, from /x/: /a/ serves it now.
    record_redirect(
        hostname="portal.test", path="/x/", target_host="", target_path="/a/", reason="slug_change"
    )
    assert find_redirect("portal.test", "/a/") is None
    assert find_redirect("portal.test", "/x/").target_path == "/a/"


def test_back_and_forth_leaves_no_loop(province):
    record_redirect(
        hostname="portal.test", path="/a/", target_host="", target_path="/b/", reason="slug_change"
    )
    record_redirect(
        hostname="portal.test", path="/b/", target_host="", target_path="/a/", reason="slug_change"
    )
    assert find_redirect("portal.test", "/a/") is None  # /a/ is live again
    assert find_redirect("portal.test", "/b/").target_path == "/a/"
    assert UrlRedirect.objects.count() == 1


def test_self_loop_and_bad_reason_are_refused(province):
    with pytest.raises(RedirectError):
        record_redirect(
            hostname="portal.test",
            path="/a/",
            target_host="PORTAL.test",
            target_path="/a/",
            reason="slug_change",
        )
    with pytest.raises(RedirectError):
        record_redirect(
            hostname="portal.test", path="/a/", target_host="", target_path="/b/", reason="x"
        )
    assert UrlRedirect.objects.count() == 0


def test_record_is_idempotent(province):
    for _ in range(2):
        record_redirect(
            hostname="portal.test", path="/a/", target_host="", target_path="/b/", reason="merge"
        )
    assert UrlRedirect.objects.count() == 1


def test_gone_propagates_to_urls_that_led_to_it(province):
    record_redirect(
        hostname="portal.test", path="/a/", target_host="", target_path="/b/", reason="slug_change"
    )
    record_gone(hostname="portal.test", path="/b/", reason="retire")
    assert get("portal.test", "/a/").status_code == 410


def test_a_normal_request_never_queries_the_redirect_table(province):
    record_redirect(
        hostname="portal.test", path="/a/", target_host="", target_path="/b/", reason="merge"
    )
    client = Client(HTTP_HOST="portal.test")
    client.get("/gioi-thieu/")  # warm the resolution cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/gioi-thieu/").status_code == 200
    assert not [q for q in queries.captured_queries if "tenants_urlredirect" in q["sql"]]
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/a/").status_code == 301
    assert [q for q in queries.captured_queries if "tenants_urlredirect" in q["sql"]]


def test_a_post_to_an_old_url_is_not_redirected(province):
    record_redirect(
        hostname="portal.test", path="/a/", target_host="", target_path="/b/", reason="merge"
    )
    assert Client(HTTP_HOST="portal.test").post("/a/").status_code in (403, 404, 405)


def test_a_host_wide_row_keeps_the_path_and_yields_to_exact_rows(province):
    from tenants.redirects import record_host_redirect

    record_redirect(
        hostname="old.gov.vn",
        path="/a/",
        target_host="portal.test",
        target_path="/b/",
        reason="merge",
    )
    record_host_redirect(hostname="old.gov.vn", target_host="portal.test", reason="merge")
    assert get("old.gov.vn", "/a/")["Location"] == "http://portal.test/b/"
    assert get("old.gov.vn", "/van-ban/7/?p=2")["Location"] == "http://portal.test/van-ban/7/?p=2"
    assert get("old.gov.vn", "/en/gioi-thieu/")["Location"] == "http://portal.test/en/gioi-thieu/"
    # The new host retires in turn: every row still answers in one hop.
    record_host_redirect(hostname="portal.test", target_host="newer.gov.vn", reason="merge")
    assert find_redirect("old.gov.vn", "/a/").target_host == "newer.gov.vn"
    assert find_redirect("old.gov.vn", "/x").target_host == "newer.gov.vn"
