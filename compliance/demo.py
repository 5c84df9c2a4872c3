"""Demo data: visit history for every site, two sites with deliberate gaps, a year of
monthly history for the trend, and a real measurement run over the demo tree (once a day:
a second seed the same day keeps today's run).

The gaps made here are the foundation's: Xã Hòa Bình's footer lacks its licence and
hotline, Sở Tài chính's About has no English address or introduction. The gaps in other
apps' data come from their own demo seeds (which run before this one): Xã Hòa Bình's
Q3 budget report published 40 days after the quarter closed (A-TIME-B8 fails with the
record, its deadline and 25 days late), its empty statistics and land sections (A-B9,
A-B11), the dialogue demo's overdue question (A-QA-OVERDUE), Sở Tài chính's empty
disclosure sections. This seed adds one more: a Sở Tài chính leader's Vietnamese duties
changed after the English copy, so the English is stale (A-EN-STALE).
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from tenants.models import Tenant

from .fetch import INPROCESS, fetch_base, using_base
from .models import MeasurementRun, VisitDaily
from .scoring import measure_site

PAGES = ["/", "/gioi-thieu/", "/tim-kiem/", "/thong-ke-truy-cap/", "/danh-muc-thong-tin-cong-khai/"]


def seed(tenants: dict[str, Tenant], out) -> None:
    _gaps(tenants)
    _visits()
    _history()
    started = time.monotonic()
    # A site measured today is not measured again (a second seed the same day, the
    # idempotency tests): the dashboard's "Đo lại" re-measures on demand.
    measured_today = MeasurementRun.objects.filter(
        started_at__date=timezone.localdate(), state=MeasurementRun.State.DONE
    ).values("tenant_id")
    sites = list(
        Tenant.objects.filter(is_active=True, is_archived=False)
        .exclude(pk__in=measured_today)
        .order_by("lft")
    )
    # Without a configured server, the seed renders the pages in this process.
    with using_base(fetch_base() or INPROCESS):
        for tenant in sites:
            measure_site(tenant)
    out.write(
        f"compliance: measured {len(sites)} sites in {time.monotonic() - started:.1f} s; "
        "dashboard at /admin/compliance/measurementrun/dashboard/"
    )


def _gaps(tenants: dict[str, Tenant]) -> None:
    commune = tenants.get("xahoabinh")
    if commune is not None:
        Tenant.objects.filter(pk=commune.pk).update(license_text="", hotline="")
    department = tenants.get("sotaichinh")
    if department is not None:
        Tenant.objects.filter(pk=department.pk).update(address_en="", introduction_en="")
        _stale_english(department)


STALE_DUTY = " Phụ trách thêm lĩnh vực quản lý giá."


def _stale_english(tenant: Tenant) -> None:
    """A leader's Vietnamese duties changed after the English copy was written: the
    content app flags the English as stale (A-EN-STALE shows it)."""
    if not apps.is_installed("content"):
        return
    from content.models import Leader

    leader = Leader.objects.for_tenant(tenant).exclude(duties_en="").order_by("pk").first()
    if leader is None or STALE_DUTY in (leader.duties_vi or ""):
        return
    leader.duties_vi = (leader.duties_vi or "") + STALE_DUTY
    leader.save()


def _visits() -> None:
    """60 days of page views, a steady pattern per site (no randomness: idempotent)."""
    today = timezone.localdate()
    rows = []
    for tenant in Tenant.objects.filter(is_active=True, is_archived=False):
        base = 20 + (tenant.pk * 37) % 140
        for offset in range(1, 61):
            day = today - timedelta(days=offset)
            for rank, path in enumerate(PAGES):
                views = max(0, (base + (offset * 13 + tenant.pk) % 40) // (rank + 1))
                rows.append(VisitDaily(tenant=tenant, day=day, path=path, views=views))
    VisitDaily.objects.bulk_create(rows, ignore_conflicts=True)


def _history() -> None:
    """One finished run a month for the last 11 months, so the trend has a line."""
    now = timezone.now()
    for tenant in Tenant.objects.filter(is_active=True, is_archived=False):
        if MeasurementRun.objects.filter(tenant=tenant).exists():
            continue
        for month in range(11, 0, -1):
            drift = (tenant.pk * 7 + month * 5) % 25
            score_a, score_b, score_c = 45 + drift, 60 + drift / 2, 40 + month * 3
            run = MeasurementRun.objects.create(
                tenant=tenant,
                state=MeasurementRun.State.DONE,
                score_a=score_a,
                score_b=score_b,
                score_c=score_c,
                score=round((score_a + score_b + score_c) / 3, 1),
                error="Dữ liệu mẫu (lịch sử minh họa)",
            )
            started = now - timedelta(days=30 * month)
            MeasurementRun.objects.filter(pk=run.pk).update(started_at=started, finished_at=started)
