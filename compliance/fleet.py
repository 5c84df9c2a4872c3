"""Measuring every site of an installation (4,000 on a national one) in parallel.

One Celery task per batch of `BATCH` sites (`tasks.measure_sites`), sent as one group:
the workers share them out, so the wall time is about sites × seconds per site ÷ worker
processes. A batch reads the province's catalogue once; the browser of the accessibility
check is the worker process's, kept from batch to batch (`accessibility.kept_browser`),
so batches can be small: at the end of the run no worker waits idle while another still
has a long batch before it. No
result backend is needed: progress is read from the MeasurementRun rows the tasks write.
`follow` waits for every site and does not lose one: a batch whose message is lost (the
broker's database emptied, a worker killed before its first run) is noticed when nothing
starts or finishes for a while, and its sites are queued again, once; sites still not
measured after that are returned to the caller, never waited for forever.
`estimate` measures a sample of sites here, one after the other, and projects the
whole run from it, in wall time and in CPU time (this process with its browser, and the
web server's when its pid is given): on a machine shared with other work only the CPU
figure says whether the machine's cores suffice.
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from celery import group
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from tenants.models import Tenant

from . import accessibility, cpu
from .models import MeasurementRun

logger = logging.getLogger(__name__)


def measurable_ids() -> list[int]:
    return list(
        Tenant.objects.filter(is_active=True, is_archived=False)
        .order_by("lft")
        .values_list("pk", flat=True)
    )


# Small: the last batches of a run leave at most this many sites to a single worker
# (with 20, 181 sites made 9 batches of 20 and one of 1: one worker measured 100 sites
# while the other stopped at 81).
BATCH = 4


def batches(ids: list[int], size: int | None = None) -> list[list[int]]:
    size = size or BATCH
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def send(batched: list[list[int]]) -> None:
    """Hand the batches to the broker, one task each, as one group, once the caller's
    transaction commits (at once outside one, as when --wait queues lost sites again)."""
    from .tasks import measure_sites

    transaction.on_commit(lambda: group(measure_sites.s(batch) for batch in batched).apply_async())


def queue_all(tenant_ids: list[int] | None = None) -> tuple[int, datetime]:
    """Queue the measurement of every site, one task per batch, as one group; returns
    (count of sites, queued at)."""
    ids = measurable_ids() if tenant_ids is None else tenant_ids
    queued_at = timezone.now()
    if ids:
        batched = batches(ids)
        send(batched)
    return len(ids), queued_at


@dataclass
class Progress:
    done: int  # sites with a finished run (each once, even if measured again)
    failed: int
    measuring_seconds: float  # the sum of the runs' own durations
    wall_seconds: float  # from the queueing to the last finished run
    started: int = 0  # runs begun, finished or not: a sign of life between two finishes

    @property
    def parallelism(self) -> float:
        return self.measuring_seconds / self.wall_seconds if self.wall_seconds else 0.0


def _runs_since(since: datetime, tenant_ids: list[int] | None):
    runs = MeasurementRun.objects.filter(started_at__gte=since)
    return runs if tenant_ids is None else runs.filter(tenant_id__in=tenant_ids)


def progress(since: datetime, tenant_ids: list[int] | None = None) -> Progress:
    """The runs begun since `since` (of `tenant_ids` only, when given)."""
    begun = _runs_since(since, tenant_ids)
    started = begun.count()
    runs = begun.exclude(finished_at=None)
    totals = runs.aggregate(
        done=Count("tenant_id", distinct=True),
        failed=Count("pk", filter=Q(state=MeasurementRun.State.FAILED)),
        ms=Sum("duration_ms"),
    )
    last = runs.order_by("-finished_at").values_list("finished_at", flat=True).first()
    wall = (last - since).total_seconds() if last else 0.0
    return Progress(
        totals["done"], totals["failed"], (totals["ms"] or 0) / 1000, wall, started=started
    )


def unmeasured(tenant_ids: list[int], since: datetime) -> list[int]:
    """The sites of `tenant_ids` without a finished run since `since`, in their order."""
    done = set(
        _runs_since(since, tenant_ids).exclude(finished_at=None).values_list("tenant_id", flat=True)
    )
    return [pk for pk in tenant_ids if pk not in done]


# Nothing begun or finished for this long while sites are left: their batch is taken as
# lost. A site takes seconds (at most ~2 min when every page times out), and a batch
# starts its next site as soon as one ends, so ten minutes of silence is no slow batch.
STALL_SECONDS = 600.0


def follow(
    tenant_ids: list[int],
    since: datetime,
    *,
    stall: float = STALL_SECONDS,
    poll: float = 2.0,
    report: Callable[[Progress], None] | None = None,
) -> list[int]:
    """Wait until every site of `tenant_ids` has a finished run since `since`; `report`
    is called with the progress at each poll. When nothing begins or finishes for `stall`
    seconds, the sites left are queued again (once, in batches) and logged; if they stall
    again they are given up. Returns the sites never measured ([] when all were)."""
    requeued = False
    last_seen: tuple[int, int] | None = None
    last_change = time.monotonic()
    while True:
        now = progress(since, tenant_ids)
        if report is not None:
            report(now)
        if now.done >= len(tenant_ids):
            return []
        seen = (now.started, now.done)
        if seen != last_seen:
            last_seen, last_change = seen, time.monotonic()
        elif time.monotonic() - last_change >= stall:
            missing = unmeasured(tenant_ids, since)
            if requeued:
                logger.error("%d sites never measured: %s", len(missing), missing)
                return missing
            logger.warning(
                "nothing measured for %.0f s, %d sites left: queued again", stall, len(missing)
            )
            send(batches(missing))
            requeued, last_change = True, time.monotonic()
        time.sleep(poll)


@dataclass
class Estimate:
    sites: int
    sample: int
    seconds_per_site: float
    workers: int
    # CPU seconds per site of this process and its browser, and of the web server (None
    # when not read: no /proc, or no server pid given).
    cpu_per_site: float | None = None
    server_cpu_per_site: float | None = None

    @property
    def serial_hours(self) -> float:
        return self.sites * self.seconds_per_site / 3600

    @property
    def parallel_hours(self) -> float:
        return self.serial_hours / max(1, self.workers)

    def cpu_hours(self, cores: int) -> float | None:
        """Hours for every site with `cores` busy all the time: the least wall time."""
        if self.cpu_per_site is None:
            return None
        total = self.cpu_per_site + (self.server_cpu_per_site or 0.0)
        return self.sites * total / 3600 / max(1, cores)


def estimate(
    sample: int, workers: int, seed: int = 2026, server_pid: int | None = None
) -> Estimate:
    """Measure `sample` random sites here (stored as usual) and project every site.
    `server_pid`: the web server the pages come from (its master process), whose CPU
    the measurement costs too."""
    from .scoring import measure_sites

    ids = measurable_ids()
    chosen = random.Random(seed).sample(ids, min(sample, len(ids)))  # noqa: S311
    cpu_before = cpu.tree_seconds(os.getpid())
    server_before = cpu.tree_seconds(server_pid) if server_pid else None
    started = time.monotonic()
    # Read before the browser closes: its processes count while they are alive.
    with accessibility.shared_browser():
        measure_sites(Tenant.objects.filter(pk__in=chosen))
        cpu_after = cpu.tree_seconds(os.getpid())
        server_after = cpu.tree_seconds(server_pid) if server_pid else None
    count = max(1, len(chosen))
    per_site = (time.monotonic() - started) / count
    found = Estimate(len(ids), len(chosen), per_site, workers)
    if cpu_before is not None and cpu_after is not None:
        found.cpu_per_site = (cpu_after - cpu_before) / count
    if server_before is not None and server_after is not None:
        found.server_cpu_per_site = (server_after - server_before) / count
    return found
