"""Every site measured in parallel: one Celery task per batch of sites, sent as one group,
with progress read from the runs and an estimate from a measured sample."""

import pytest

from compliance import fleet
from compliance.models import MeasurementRun
from tests.tenants.factories import TenantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unreachable_sites(settings):
    settings.COMPLIANCE_FETCH_BASE = "http://127.0.0.1:9"  # fails fast, never crashes


def test_every_site_is_measured_once_in_batches_and_the_progress_adds_up(
    province, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(fleet, "BATCH", 2)
    sites = [TenantFactory(parent=province) for _ in range(4)]
    TenantFactory(parent=province, is_archived=True)
    assert [len(batch) for batch in fleet.batches(fleet.measurable_ids(), 2)] == [2, 2, 1]
    with django_capture_on_commit_callbacks(execute=True):
        count, since = fleet.queue_all()
    assert count == 5
    assert MeasurementRun.objects.count() == 5
    measured = set(MeasurementRun.objects.values_list("tenant_id", flat=True))
    assert measured == {province.pk, *(s.pk for s in sites)}
    now = fleet.progress(since)
    assert (now.done, now.failed) == (5, 0)
    assert now.measuring_seconds > 0 and now.wall_seconds > 0


def test_the_whole_run_is_estimated_from_a_sample(province):
    for _ in range(9):
        TenantFactory(parent=province)
    found = fleet.estimate(sample=3, workers=4)
    assert (found.sites, found.sample) == (10, 3)
    assert MeasurementRun.objects.count() == 3
    assert found.parallel_hours == pytest.approx(found.serial_hours / 4)
    assert found.serial_hours == pytest.approx(10 * found.seconds_per_site / 3600)
