"""Every site measured in parallel: one Celery task per batch of sites, sent as one group,
with progress read from the runs and an estimate from a measured sample."""

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from compliance import cpu, fleet
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


def _losing_the_last_batch(monkeypatch, times: int) -> list[list[int]]:
    """The broker loses the last batch of the first `times` sends (its database emptied
    under it, as another process's `flushdb` did in a real run); returns what was lost."""
    lost: list[list[int]] = []
    send = fleet.send

    def losing(batched: list[list[int]]) -> None:
        if len(lost) < times:
            lost.append(batched[-1])
            batched = batched[:-1]
        send(batched)

    monkeypatch.setattr(fleet, "send", losing)
    return lost


# Committing: --wait runs outside any transaction, where a send on commit leaves at once.
@pytest.mark.django_db(transaction=True)
def test_a_lost_batch_is_queued_again_when_nothing_moves(
    province, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(fleet, "BATCH", 2)
    for _ in range(4):
        TenantFactory(parent=province)
    lost = _losing_the_last_batch(monkeypatch, times=1)
    ids = fleet.measurable_ids()
    with django_capture_on_commit_callbacks(execute=True):
        _count, since = fleet.queue_all(ids)
    assert lost == [ids[4:]] and fleet.unmeasured(ids, since) == ids[4:]
    seen: list[fleet.Progress] = []
    assert fleet.follow(ids, since, stall=0.3, poll=0.05, report=seen.append) == []
    assert seen[0].done == 4 and seen[-1].done == 5
    assert fleet.unmeasured(ids, since) == []
    assert MeasurementRun.objects.filter(tenant_id=ids[4]).count() == 1


# Committing: --wait runs outside any transaction, where a send on commit leaves at once.
@pytest.mark.django_db(transaction=True)
def test_sites_lost_twice_are_named_and_the_wait_ends(
    province, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(fleet, "BATCH", 2)
    sites = [TenantFactory(parent=province, slug=f"xalost{n}") for n in range(3)]
    _losing_the_last_batch(monkeypatch, times=2)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommandError) as err:
        call_command("measure_sites", "--parallel", "--wait", "--stall", "0.3")
    # Province and xalost0 in the first batch, xalost1 and xalost2 in the lost one.
    assert str(err.value) == "2 sites not measured (queued twice): xalost1, xalost2"
    assert set(MeasurementRun.objects.values_list("tenant_id", flat=True)) == {
        province.pk,
        sites[0].pk,
    }


def test_a_site_measured_twice_counts_once():
    since = timezone.now()
    site = TenantFactory()
    for _ in range(2):
        MeasurementRun.objects.create(tenant=site, state="done", finished_at=timezone.now())
    MeasurementRun.objects.create(tenant=TenantFactory())  # begun, not finished
    now = fleet.progress(since)
    assert (now.done, now.started) == (1, 3)


# A stand-in web server, working until killed: 20 ms of CPU in every 100 ms, so that its
# CPU during the measurement is well above zero without taking a whole core from the
# measurement (and from the other tests running beside it).
BUSY = (
    "import time\n"
    "end = time.time() + 60\n"
    "while time.time() < end:\n"
    "    burst = time.process_time() + 0.02\n"
    "    while time.process_time() < burst: pass\n"
    "    time.sleep(0.08)"
)


def test_the_whole_run_is_estimated_from_a_sample(province):
    for _ in range(9):
        TenantFactory(parent=province)
    server = subprocess.Popen([sys.executable, "-c", BUSY])
    try:
        found = fleet.estimate(sample=3, workers=4, server_pid=server.pid)
    finally:
        server.kill()
        server.wait()
    assert (found.sites, found.sample) == (10, 3)
    assert MeasurementRun.objects.count() == 3
    assert found.parallel_hours == pytest.approx(found.serial_hours / 4)
    assert found.serial_hours == pytest.approx(10 * found.seconds_per_site / 3600)
    # CPU per site read from /proc: this process with its browser, and the web server.
    assert found.cpu_per_site > 0 and found.server_cpu_per_site > 0
    per_site = found.cpu_per_site + found.server_cpu_per_site
    assert found.cpu_hours(2) == pytest.approx(10 * per_site / 3600 / 2)


# Burns 0.4 s of CPU, says so, then waits (alive, idle) until its stdin closes.
BURN = (
    "import sys, time\n"
    "while time.process_time() < 0.4: pass\n"
    "print('done', flush=True)\n"
    "sys.stdin.read()"
)


def test_cpu_of_a_process_tree_counts_children_alive_and_ended():
    before = cpu.tree_seconds(os.getpid())
    child = subprocess.Popen(
        [sys.executable, "-c", BURN], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout.readline() == "done\n"
    while_alive = cpu.tree_seconds(os.getpid())
    child.stdin.close()
    child.wait()
    after = cpu.tree_seconds(os.getpid())
    # /proc counts in clock ticks: a little less than the child's own 0.4 s.
    assert while_alive - before >= 0.3  # the child, read while it runs
    assert after - before >= 0.3  # and once ended, through this process's cutime
    assert cpu.tree_seconds(2**22 + 1) is None  # no such process
