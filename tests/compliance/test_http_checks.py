"""Reachability and performance checks against a real server (pytest-django's live
server), each site fetched through its own Host header."""

import socket
import threading

import pytest

from compliance import accessibility, fetch
from compliance.checks import CheckContext, run_check
from compliance.fetch import using_base
from compliance.models import CheckStatus

pytestmark = pytest.mark.django_db(transaction=True)


def check(key, tenant, **kwargs):
    return run_check(key, CheckContext(tenant=tenant, **kwargs))


def test_home_page_status_time_and_size(live_site):
    status = check("home_status", live_site)
    assert status.status == CheckStatus.PASS
    assert status.evidence[0]["status"] == 200
    assert status.evidence[0]["url"].startswith("http://xalive.portal.test:")
    timing = check("response_time", live_site)
    assert timing.status == CheckStatus.PASS and 0 < timing.value < 2
    strict = check("response_time", live_site, threshold_pass=0.0, threshold_partial=0.0)
    assert strict.status == CheckStatus.FAIL
    size = check("page_size", live_site)
    assert size.status == CheckStatus.PASS and size.evidence[0]["bytes"] > 1000


def test_sitemap_robots_search_and_pages(live_site):
    sitemap = check("sitemap_xml", live_site)
    assert sitemap.status == CheckStatus.PASS
    # The index's pages are read too: the site's own pages are counted, not the index.
    assert sitemap.evidence[0]["pages"] >= 1 and sitemap.value >= 3
    assert check("robots_txt", live_site).status == CheckStatus.PASS
    assert check("search_works", live_site).status == CheckStatus.PASS
    assert check("mobile_ready", live_site).status == CheckStatus.PASS
    about = check("page_reachable", live_site, params={"path": "/gioi-thieu/"})
    assert about.status == CheckStatus.PASS
    missing = check("page_reachable", live_site, params={"path": "/khong-co-trang-nay/"})
    assert missing.status == CheckStatus.FAIL
    assert missing.evidence[0]["status"] == 404


def test_robots_that_shut_the_site_off_is_partial(live_site):
    live_site.is_archived = True
    live_site.save()
    assert check("robots_txt", live_site).status == CheckStatus.PARTIAL


def test_broken_internal_link_found_by_a_bounded_crawl(live_site, live_server):
    port = live_server.url.rsplit(":", 1)[1]
    live_site.platform_label = "Nhãn nền tảng"
    live_site.platform_label_url = f"http://xalive.portal.test:{port}/trang-da-xoa/"
    live_site.save()
    # The footer link comes after every app's menu links: the bound leaves room for them.
    result = check("broken_links", live_site, params={"max_pages": 60, "time_limit": 30})
    assert result.status == CheckStatus.PARTIAL  # one broken link, below the default 3
    broken = [e for e in result.evidence if e.get("url") == "/trang-da-xoa/"]
    assert broken and broken[0]["status"] == 404
    assert result.evidence[0]["pages_crawled"] <= 60


def test_crawl_stops_at_its_page_bound(live_site):
    result = check("broken_links", live_site, params={"max_pages": 2, "time_limit": 20})
    assert result.evidence[0]["pages_crawled"] == 2
    assert result.evidence[0]["stopped_by"] == "pages"


def test_unreachable_site_is_a_failed_indicator_with_the_error(live_site, settings):
    settings.COMPLIANCE_FETCH_BASE = "http://127.0.0.1:9"  # nothing listens there
    result = check("home_status", live_site)
    assert result.status == CheckStatus.FAIL
    assert result.evidence[0]["status"] is None
    assert "Connection" in result.evidence[0]["error"] or "refused" in result.evidence[0]["error"]
    assert check("sitemap_xml", live_site).status == CheckStatus.FAIL
    links = check("broken_links", live_site)
    assert links.status == CheckStatus.FAIL


def test_a_site_that_answers_nothing_fails_accessibility_without_starting_a_browser(
    live_site, settings, monkeypatch
):
    settings.COMPLIANCE_FETCH_BASE = "http://127.0.0.1:9"  # nothing listens there
    started = []
    monkeypatch.setattr(accessibility.AxeBrowser, "_start", lambda *args: started.append(args))
    result = check("accessibility", live_site)
    assert result.status == CheckStatus.FAIL
    assert result.summary == "Không mở được trang nào để đánh giá"
    assert result.evidence[0]["status"] is None and result.evidence[0]["url"].endswith(":9/")
    assert started == []


def test_only_a_host_that_answers_nothing_is_unreachable_not_a_slow_page():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    # Bound then closed: nothing listens on the port, the connection is refused.
    with using_base(f"http://127.0.0.1:{port}"):
        assert fetch.fetch("xalive.portal.test", "/", timeout=2).unreachable
    # A server that accepts the connection and never answers: a timeout, not the host gone.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        with using_base(f"http://127.0.0.1:{silent.getsockname()[1]}"):
            slow = fetch.fetch("xalive.portal.test", "/", timeout=0.3)
    assert slow.status is None and "timed out" in slow.error and not slow.unreachable
    # A server that hangs up without an answer: that page failed, the host is there.
    with socket.socket() as rude:
        rude.bind(("127.0.0.1", 0))
        rude.listen()
        hang_up = threading.Thread(target=lambda: rude.accept()[0].close())
        hang_up.start()
        with using_base(f"http://127.0.0.1:{rude.getsockname()[1]}"):
            cut = fetch.fetch("xalive.portal.test", "/", timeout=2, max_redirects=0)
        hang_up.join()
    assert cut.status is None and cut.error and not cut.unreachable


def test_a_full_measurement_of_a_live_site(live_site):
    from compliance.scoring import measure_site

    run = measure_site(live_site)
    assert run.state == "done"
    results = {r.code: r for r in run.results.all()}
    assert results["B-HOME-STATUS"].status == CheckStatus.PASS
    assert results["B-SITEMAP"].status == CheckStatus.PASS
    assert results["A-HOTLINE"].status == CheckStatus.PASS
    assert results["A-B8"].status == CheckStatus.FAIL  # nothing published in the budget section
    assert results["A-B8"].fix_url == "/admin/disclosure/budgetrecord/"
    assert run.score_b is not None


def test_rss_feed_announced_on_the_home_page_answers(live_site):
    result = check("rss_feed", live_site)
    assert result.status == CheckStatus.PASS, result.evidence
    # Every page announces the site's feeds in its head (feed autodiscovery).
    assert result.evidence[0]["announced_by"] == "link rel=alternate"
    assert result.evidence[0]["url"].endswith("/rss/")
    not_a_feed = check("rss_feed", live_site, params={"path": "/gioi-thieu/"})
    assert not_a_feed.status == CheckStatus.PARTIAL


def test_feed_links_found_in_the_head_before_the_body():
    from compliance.checks.axis_b import _feed_path

    head = (
        b'<link rel="alternate" type="application/rss+xml" href="https://x.vn/rss/">'
        b'<a href="/tin-tuc/rss/">'
    )
    assert _feed_path(head) == ("/rss/", "link rel=alternate")
    assert _feed_path(b'<a class="f" href="/chuyen-muc/a/rss/">RSS</a>') == (
        "/chuyen-muc/a/rss/",
        "a href",
    )
    assert _feed_path(b'<a href="/gioi-thieu/">') is None
