"""Measuring many sites cheaply (issue 22): a batch shares one browser and the province's
catalogue, a run fetches each page once, and a measurement never empties the page cache
of its site or its province. Results stay those of measuring each site alone."""

from collections import Counter

import pytest

from compliance import accessibility, fetch
from compliance.fetch import using_base
from compliance.models import MeasurementRun
from compliance.scoring import measure_site, measure_sites
from portal.page_cache import SITE_VERSION
from tests.portal.test_page_cache import served_from_cache, visitor
from tests.tenants.factories import TenantFactory

# Figures that move between two runs whatever the way: the response time, and the home
# page's size (its footer shows today's visits, the previous run's fetches among them).
MOVING = {"B-HOME-TIME", "B-HOME-SIZE"}


def outcome(run) -> dict:
    return {
        r.code: (r.status,) if r.code in MOVING else (r.status, r.value, r.summary)
        for r in run.results.all()
    }


@pytest.mark.django_db(transaction=True)
def test_a_batch_gives_each_site_the_results_of_measuring_it_alone(live_site, province):
    other = TenantFactory(parent=province, slug="xalive2", hostname="xalive2.portal.test")
    live_site.parent = province
    live_site.save()
    alone = {site.pk: outcome(measure_site(site)) for site in (live_site, other)}
    runs = measure_sites([live_site, other])
    assert [run.state for run in runs] == ["done", "done"]
    batched = {run.tenant_id: outcome(run) for run in runs}
    differing = {
        (pk, code): (batched[pk].get(code), result)
        for pk, results in alone.items()
        for code, result in results.items()
        if batched[pk].get(code) != result
    }
    assert not differing
    assert batched == alone
    codes = alone[live_site.pk]
    assert codes["B-LINKS"][0] == "pass" and codes["B-SITEMAP"][0] == "pass"
    if not accessibility.unavailable_reason():
        assert codes["B-A11Y"][0] != "not_measured"  # axe did run, in the batch's browser


def _count_browser_starts(monkeypatch) -> list[str]:
    """The fetch bases Chromium is started for, appended as each start happens."""
    starts: list[str] = []
    original = accessibility.AxeBrowser._start

    def counted(self, base):
        starts.append(base)
        return original(self, base)

    monkeypatch.setattr(accessibility.AxeBrowser, "_start", counted)
    return starts


@pytest.mark.django_db(transaction=True)
def test_a_batch_starts_one_browser_for_all_its_sites(live_site, province, monkeypatch):
    if accessibility.unavailable_reason():
        pytest.skip(accessibility.unavailable_reason())
    starts = _count_browser_starts(monkeypatch)
    sites = [live_site, *(TenantFactory(parent=province, slug=f"xab{n}") for n in range(2))]
    for site in sites[1:]:
        site.domains.update(hostname=f"{site.slug}.portal.test")
    runs = measure_sites(sites)
    assert len(starts) == 1
    a11y = [run.results.get(code="B-A11Y") for run in runs]
    assert all(result.status != "not_measured" for result in a11y)
    assert {page["url"].split("//")[1].split(":")[0] for r in a11y for page in r.evidence} == {
        f"{site.slug}.portal.test" for site in sites
    }


@pytest.mark.django_db(transaction=True)
def test_a_run_fetches_each_page_once(live_site, monkeypatch):
    asked = Counter()
    original = fetch._fetch_once

    def counting(hostname, path, timeout):
        asked[path] += 1
        return original(hostname, path, timeout)

    monkeypatch.setattr(fetch, "_fetch_once", counting)
    run = measure_site(live_site)
    assert run.state == "done"
    assert asked["/"] == 1 and asked["/gioi-thieu/"] == 1 and asked["/en/"] == 1
    assert max(asked.values()) == 1, [path for path, n in asked.items() if n > 1]
    assert run.results.get(code="B-LINKS").evidence[0]["pages_crawled"] > 10


@pytest.mark.django_db
def test_a_measurement_keeps_the_cached_pages_of_its_site_and_province(
    page_cache, province, commune
):
    warm = visitor(province)
    served_from_cache(warm, "/")
    keys = [page_cache._raw(SITE_VERSION.format(site.pk)) for site in (province, commune)]
    before = page_cache.client().mget(keys)
    with using_base("http://127.0.0.1:9"):  # nothing listens: a fast, failing measurement
        measure_site(commune)
        measure_site(province)
    assert page_cache.client().mget(keys) == before
    assert warm.get("/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_keeps_its_browser_from_one_batch_task_to_the_next(
    live_site, province, monkeypatch
):
    """Small batches (fleet.BATCH) cost no Chromium start each: the worker process's
    browser serves every batch task it runs, and is closed at the process's end."""
    if accessibility.unavailable_reason():
        pytest.skip(accessibility.unavailable_reason())
    from compliance import tasks

    starts = _count_browser_starts(monkeypatch)
    other = TenantFactory(parent=province, slug="xakept", hostname="xakept.portal.test")
    try:
        assert tasks.measure_sites([live_site.pk]) == 1
        assert tasks.measure_sites([other.pk]) == 1
        assert len(starts) == 1
    finally:
        accessibility.close_kept_browser()
    assert accessibility._KEPT is None
    a11y = [
        MeasurementRun.objects.get(tenant=site).results.get(code="B-A11Y")
        for site in (live_site, other)
    ]
    assert all(result.status != "not_measured" for result in a11y)
    assert all(not page.get("error") for result in a11y for page in result.evidence)
