"""The daily measurement is spread over the day; tasks take ids and are safe to re-run."""

import pytest

from compliance import schedule, tasks
from compliance.models import ExportJob, MeasurementRun
from tests.tenants.factories import TenantFactory

pytestmark = pytest.mark.django_db


def test_every_active_site_is_measured_once_a_day_spread_over_the_hours(province):
    sites = [TenantFactory(parent=province) for _ in range(30)]
    TenantFactory(parent=province, is_archived=True)
    hours = [tasks.due_tenant_ids(hour) for hour in range(24)]
    measured = [pk for ids in hours for pk in ids]
    assert sorted(measured) == sorted([province.pk, *(s.pk for s in sites)])
    assert max(len(ids) for ids in hours) <= 3  # 31 sites over 24 hours
    offsets = {(pk * 37) % 3600 for pk in measured}
    assert len(offsets) == len(measured)  # and spread within the hour


def test_beat_schedule_has_the_measurement_and_the_visit_flush():
    tasks_scheduled = {entry["task"] for entry in schedule.SCHEDULE.values()}
    assert tasks_scheduled == {
        "compliance.tasks.measure_due_sites",
        "compliance.tasks.flush_visits",
    }


def test_measure_task_takes_an_id(commune, commune_site_admin, settings):
    settings.COMPLIANCE_FETCH_BASE = "http://127.0.0.1:9"  # unreachable: fails, never crashes
    run_id = tasks.measure_site.delay(commune.pk, commune_site_admin.pk).get()
    run = MeasurementRun.objects.get(pk=run_id)
    assert run.state == "done" and run.triggered_by == commune_site_admin
    assert run.results.get(code="B-HOME-STATUS").status == "fail"


def test_export_task_is_safe_to_run_twice(auditor, province):
    job = ExportJob.objects.create(
        tenant=province,
        kind="report",
        fmt="csv",
        params={"since": "2026-01-01T00:00:00+07:00", "until": "2027-01-01T00:00:00+07:00"},
        requested_by=auditor,
    )
    tasks.run_export(job.pk)
    job.refresh_from_db()
    name = job.file.name
    assert job.state == "done"
    tasks.run_export(job.pk)
    job.refresh_from_db()
    assert job.file.name == name


def test_export_of_a_site_the_requester_cannot_read_fails_cleanly(commune_editor, other_commune):
    job = ExportJob.objects.create(
        tenant=other_commune,
        kind="report",
        fmt="csv",
        params={"since": "2026-01-01T00:00:00+07:00", "until": "2027-01-01T00:00:00+07:00"},
        requested_by=commune_editor,
    )
    tasks.run_export(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and not job.file
