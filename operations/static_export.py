"""The static fallback: a copy of each site's essential pages, written as plain HTML under
<dir>/<hostname>/<path>/index.html, that nginx serves when the application answers
502/503/504 or times out (docs/continuity.md). Pages are rendered through the whole
application (middleware, tenant resolution, templates), as a citizen would get them."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.db.models import Q
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import override

ESSENTIAL_PATHS = (
    "/",
    "/gioi-thieu/",
    "/gioi-thieu/can-bo-dau-moi/",
    "/duong-day-nong/",
    "/thu-tuc-hanh-chinh/",
    "/van-ban/",
    "/tin-tuc/",
    "/thong-bao-bao-tri/",
)
# A planned downtime's sites are exported once, this long before it starts (the beat
# checks every minute): the copy is fresh when the application goes down.
DOWNTIME_LEAD = timedelta(minutes=10)
BODY_OPEN = re.compile(r"(<body[^>]*>)", re.IGNORECASE)
POST_FORM = re.compile(r"(<form\b[^>]*\bmethod=\"post\"[^>]*>)", re.IGNORECASE)


@dataclass
class SiteExport:
    hostname: str
    pages: int = 0
    failed: list[str] = field(default_factory=list)


def site_paths(tenant) -> list[str]:
    """The essential pages of a site: the fixed list and one page per procedure."""
    from procedures import selectors

    with override("vi"):
        codes = selectors.catalogue(tenant).values_list("code", flat=True)
        return [*ESSENTIAL_PATHS, *(f"/thu-tuc-hanh-chinh/{code}/" for code in codes)]


def _banner(saved_at: str, hotline: str) -> str:
    text = _("Hệ thống đang bảo trì — bản lưu lúc %(time)s.") % {"time": saved_at}
    if hotline:
        text += " " + _("Cần hỗ trợ, gọi đường dây nóng %(hotline)s.") % {"hotline": hotline}
    return f'<p class="fallback-banner" role="alert"><strong>{escape(text)}</strong></p>'


def _form_note(hotline: str) -> str:
    text = _("Chức năng gửi tạm ngừng trong thời gian bảo trì.")
    if hotline:
        text += " " + _("Vui lòng gọi đường dây nóng %(hotline)s.") % {"hotline": hotline}
    return f'<p class="fallback-form-note" role="note">{escape(text)}</p>'


def mark_as_fallback(html: str, saved_at: str, hotline: str) -> str:
    """Add the maintenance banner and, before each sending form, say it cannot send."""
    html = BODY_OPEN.sub(lambda m: m.group(1) + _banner(saved_at, hotline), html, count=1)
    return POST_FORM.sub(lambda m: _form_note(hotline) + m.group(1), html)


def _target(root: Path, path: str) -> Path:
    relative = path.strip("/")
    return root / relative / "index.html" if relative else root / "index.html"


def export_site(tenant, hostname: str, root: Path) -> SiteExport:
    """Write one site into root/<hostname>/ (built aside, then swapped in whole)."""
    result = SiteExport(hostname)
    client = Client(HTTP_HOST=hostname, raise_request_exception=False)
    saved_at = timezone.localtime().strftime("%H:%M %d/%m/%Y")
    hotline = tenant.hotline or ""
    root.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(dir=root, prefix=f".{hostname}-"))
    for path in site_paths(tenant):
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            result.failed.append(f"{path} {response.status_code}")
            continue
        target = _target(build, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        page = mark_as_fallback(response.content.decode(), saved_at, hotline)
        target.write_text(page, encoding="utf-8")
        result.pages += 1
    final = root / hostname
    old = root / f".{hostname}-old"
    if final.exists():
        os.replace(final, old)
    os.replace(build, final)
    shutil.rmtree(old, ignore_errors=True)
    return result


def export_all(root: Path, slugs: list[str] | None = None, *, tenants=None) -> list[SiteExport]:
    """Every active site (or those of `slugs`, or of the `tenants` queryset)."""
    from tenants.models import Domain, Tenant

    tenants = (Tenant.objects.all() if tenants is None else tenants).filter(is_active=True)
    if slugs:
        tenants = tenants.filter(slug__in=slugs)
    results = []
    for tenant in tenants.order_by("tree_id", "lft"):
        domain = (
            Domain.objects.filter(tenant=tenant, is_approved=True, redirect_to_primary=False)
            .order_by("-is_primary", "pk")
            .first()
        )
        if domain is not None:
            results.append(export_site(tenant, domain.hostname, root))
    return results


def export_for_starting_downtime(root: Path, now: datetime | None = None) -> list[SiteExport]:
    """Export the sites of each planned downtime about to start (within DOWNTIME_LEAD) or
    under way, once per notice: the notice is claimed first (one worker wins), and
    released again if the export fails, for the next beat to retry."""
    from tenants.models import Tenant

    from .models import DowntimeNotice

    now = now or timezone.now()
    due = DowntimeNotice.objects.filter(
        static_exported_at__isnull=True, starts_at__lte=now + DOWNTIME_LEAD, ends_at__gt=now
    ).select_related("tenant")
    results: list[SiteExport] = []
    for notice in due.order_by("starts_at", "pk"):
        claim = DowntimeNotice.objects.filter(pk=notice.pk, static_exported_at__isnull=True)
        if not claim.update(static_exported_at=now):
            continue  # another worker has it
        site = notice.tenant
        sites = Tenant.objects.filter(site.subtree_q() if notice.include_subtree else Q(pk=site.pk))
        try:
            results.extend(export_all(root, tenants=sites))
        except Exception:
            DowntimeNotice.objects.filter(pk=notice.pk).update(static_exported_at=None)
            raise
    return results
