"""Measuring every site of an installation (4,000 on a national one) in parallel.

One Celery task per batch of `BATCH` sites (`tasks.measure_sites`), sent as one group:
the workers share them out, so the wall time is about sites × seconds per site ÷ worker
processes. A batch reads the province's catalogue once; the browser of the accessibility
check is the worker process's, kept from batch to batch (`accessibility.kept_browser`),
so batches can be small: at the end of the run no worker waits idle while another still
has a long batch before it. No
result backend is needed: progress is read from the MeasurementRun rows the tasks write.
`estimate` measures a sample of sites here, one after the other, and projects the
whole run from it, in wall time and in CPU time (this process with its browser, and the
web server's when its pid is given): on a machine shared with other work only the CPU
figure says whether the machine's cores suffice.
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass
from datetime import datetime

from celery import group
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from tenants.models import Tenant

from . import accessibility, cpu
from .models import MeasurementRun


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


def queue_all(tenant_ids: list[int] | None = None) -> tuple[int, datetime]:
    """Queue the measurement of every site, one task per batch, as one group; returns
    (count of sites, queued at)."""
    from .tasks import measure_sites

    ids = measurable_ids() if tenant_ids is None else tenant_ids
    queued_at = timezone.now()
    if ids:
        batched = batches(ids)
        transaction.on_commit(
            lambda: group(measure_sites.s(batch) for batch in batched).apply_async()
        )
    return len(ids), queued_at


@dataclass
class Progress:
    done: int
    failed: int
    measuring_seconds: float  # the sum of the runs' own durations
    wall_seconds: float  # from the queueing to the last finished run

    @property
    def parallelism(self) -> float:
        return self.measuring_seconds / self.wall_seconds if self.wall_seconds else 0.0


def progress(since: datetime) -> Progress:
    runs = MeasurementRun.objects.filter(started_at__gte=since).exclude(finished_at=None)
    totals = runs.aggregate(
        done=Count("pk"),
        failed=Count("pk", filter=Q(state=MeasurementRun.State.FAILED)),
        ms=Sum("duration_ms"),
    )
    last = runs.order_by("-finished_at").values_list("finished_at", flat=True).first()
    wall = (last - since).total_seconds() if last else 0.0
    return Progress(totals["done"], totals["failed"], (totals["ms"] or 0) / 1000, wall)


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
