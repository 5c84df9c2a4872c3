"""Measure sites now and print their scores and the time taken.

manage.py measure_sites [slug ...]            # here, one after the other
manage.py measure_sites --parallel [--wait]   # one Celery task per batch, as a group
    (--wait: sites left unmeasured after --stall seconds without progress are queued
    again once, then named and the command fails: a lost batch is never silent)
manage.py measure_sites --estimate 20 --workers 8   # measure 20, project all
manage.py measure_sites --estimate 20 --server-pid PID   # and the web server's CPU
"""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from compliance import fleet
from compliance.scoring import measure_sites
from tenants.models import Tenant


class Command(BaseCommand):
    help = "Measure sites now (every active site, or the slugs given)."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*")
        parser.add_argument("--parallel", action="store_true", help="queue a Celery group")
        parser.add_argument("--wait", action="store_true", help="with --parallel: follow it")
        parser.add_argument("--estimate", type=int, default=0, metavar="N")
        parser.add_argument(
            "--stall",
            type=float,
            default=fleet.STALL_SECONDS,
            metavar="SECONDS",
            help="with --wait: no progress for this long means a lost batch (queued again)",
        )
        parser.add_argument("--workers", type=int, default=4)
        parser.add_argument(
            "--server-pid",
            type=int,
            default=None,
            help="with --estimate: the web server's master process, to count its CPU too",
        )

    def handle(self, *args, slugs, parallel, wait, stall, estimate, workers, server_pid, **options):
        sites = Tenant.objects.filter(is_active=True, is_archived=False).order_by("lft")
        if slugs:
            sites = sites.filter(slug__in=slugs)
        if estimate:
            found = fleet.estimate(estimate, workers, server_pid=server_pid)
            self.stdout.write(
                f"{found.sample} sites measured: {found.seconds_per_site:.2f} s per site. "
                f"{found.sites} sites: {found.serial_hours:.2f} h in one process, about "
                f"{found.parallel_hours:.2f} h with {found.workers} workers (if the machine "
                "has the cores for them)."
            )
            if found.cpu_per_site is not None:
                self.stdout.write(self._cpu_line(found))
            return
        if parallel:
            ids = list(sites.values_list("pk", flat=True)) if slugs else fleet.measurable_ids()
            count, since = fleet.queue_all(ids)
            self.stdout.write(f"{count} sites queued for measurement at {since:%H:%M:%S}.")
            if wait:
                self._follow(ids, since, stall)
            return
        started = time.monotonic()
        for tenant, run in zip(sites, measure_sites(sites), strict=True):
            self.stdout.write(
                f"{tenant.slug:<20} a={run.score_a} b={run.score_b} c={run.score_c} "
                f"overall={run.score} ({run.duration_ms} ms) {run.error[:80]}"
            )
        self.stdout.write(
            f"{sites.count()} sites in {time.monotonic() - started:.1f} s "
            f"(finished {timezone.localtime():%H:%M:%S})"
        )

    def _follow(self, ids: list[int], since, stall: float) -> None:
        def report(now: fleet.Progress) -> None:
            self.stdout.write(
                f"\r{now.done}/{len(ids)} done ({now.failed} failed), "
                f"{now.wall_seconds:.0f} s, parallelism {now.parallelism:.1f}",
                ending="",
            )

        missing = fleet.follow(ids, since, stall=stall, report=report)
        self.stdout.write("")
        if missing:
            slugs = Tenant.objects.filter(pk__in=missing).order_by("lft")
            names = ", ".join(slugs.values_list("slug", flat=True))
            raise CommandError(f"{len(missing)} sites not measured (queued twice): {names}")

    def _cpu_line(self, found: fleet.Estimate) -> str:
        cores = os.cpu_count() or 1
        server = (
            f" + {found.server_cpu_per_site:.2f} s in the web server"
            if found.server_cpu_per_site is not None
            else " (the web server's not counted: --server-pid)"
        )
        return (
            f"CPU per site: {found.cpu_per_site:.2f} s here and in the browser{server}; "
            f"{found.sites} sites need at least {found.cpu_hours(cores):.2f} h on this "
            f"machine's {cores} cores (load average "
            f"{' '.join(f'{x:.1f}' for x in os.getloadavg())})."
        )
