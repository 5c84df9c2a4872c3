"""Move, rename and retire one site. Each runs in one transaction with its audit entry
(a finished SiteOperation, django-auditlog on the Tenant) and keeps every URL answering."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenants.domains import normalize_hostname, validate_hostname
from tenants.models import (
    Domain,
    FormerName,
    OperationKind,
    OperationState,
    SiteOperation,
    Tenant,
)
from tenants.resolution import bump_tree_version

from .context import LifecycleError, hostnames_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _done(kind: str, site: Tenant, *, by, plan: dict, target: Tenant | None = None):
    now = timezone.now()
    operation = SiteOperation.objects.create(
        kind=kind,
        state=OperationState.DONE,
        target=target or site,
        plan=plan,
        created_by=by if getattr(by, "pk", None) else None,
        started_at=now,
        finished_at=now,
    )
    operation.sources.set([site])
    return operation


@transaction.atomic
def move_site(site: Tenant, new_parent: Tenant, *, by: User | None = None) -> SiteOperation:
    """Put `site` (with the sites below it) under `new_parent`: a commune of an abolished
    district goes to the province. Roles held on the new parent "with descendants" now
    reach it; proposals to the parent portal go to the new parent."""
    site = Tenant.objects.select_for_update().get(pk=site.pk)
    if new_parent.pk == site.pk or new_parent.is_descendant_of(site):
        raise LifecycleError(
            _("Không thể chuyển %(site)s vào chính nó hoặc đơn vị cấp dưới của nó.")
            % {"site": site.name}
        )
    if not new_parent.is_active:
        raise LifecycleError(
            _("Đơn vị cấp trên %(name)s đã ngừng hoạt động.") % {"name": new_parent.name}
        )
    old_parent = site.parent
    if old_parent is not None and old_parent.pk == new_parent.pk:
        raise LifecycleError(
            _("%(site)s đã thuộc %(parent)s.") % {"site": site.name, "parent": new_parent.name}
        )
    site.move_to(Tenant.objects.get(pk=new_parent.pk), "last-child")
    bump_tree_version()
    return _done(
        OperationKind.MOVE,
        site,
        by=by,
        plan={
            "from": old_parent.name if old_parent else "",
            "from_id": old_parent.pk if old_parent else None,
            "to": new_parent.name,
            "to_id": new_parent.pk,
        },
    )


@transaction.atomic
def rename_site(
    site: Tenant,
    *,
    name: str,
    short_name: str | None = None,
    primary_hostname: str | None = None,
    by: User | None = None,
) -> SiteOperation:
    """Rename a site and keep its former name (shown on its About page); with a new
    primary hostname, the old ones answer 301 to it, path kept."""
    site = Tenant.objects.select_for_update().get(pk=site.pk)
    name = (name or "").strip()
    if not name:
        raise LifecycleError(_("Nhập tên mới của đơn vị."))
    new_host = normalize_hostname(primary_hostname or "")
    if new_host:
        try:
            validate_hostname(new_host)
        except Exception as exc:  # ValidationError: its message is for the user
            raise LifecycleError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        if Domain.objects.filter(hostname=new_host).exclude(tenant=site).exists():
            raise LifecycleError(
                _("Tên miền %(host)s đã được một đơn vị khác sử dụng.") % {"host": new_host}
            )
    if name == site.name and not new_host:
        raise LifecycleError(_("Tên mới trùng tên hiện tại."))
    operation = keep_former_name(site, new_name=name, primary=new_host, by=by)
    site.name = name
    if short_name is not None:
        site.short_name = short_name
    site.save()
    if new_host:
        Domain.objects.filter(tenant=site, is_primary=True).update(
            is_primary=False, redirect_to_primary=True
        )
        domain, _created = Domain.objects.get_or_create(tenant=site, hostname=new_host)
        domain.is_primary, domain.redirect_to_primary = True, False
        domain.save()
        Domain.objects.filter(tenant=site).exclude(pk=domain.pk).update(redirect_to_primary=True)
    bump_tree_version()
    return operation


def keep_former_name(
    before: Tenant, *, new_name: str, primary: str = "", by: User | None = None
) -> SiteOperation:
    """Record a rename: `before` (the site as it was) keeps its name and hostnames in its
    history, shown on the About page as "Tên gọi trước đây". Also called by the admin's
    site form when a name is edited there, so no rename goes unrecorded."""
    hosts = hostnames_of(before)
    operation = _done(
        OperationKind.RENAME,
        before,
        by=by,
        plan={"from": before.name, "to": new_name, "hostnames": hosts, "primary": primary},
    )
    FormerName.objects.get_or_create(
        tenant=before,
        name=before.name,
        until=timezone.localdate(),
        defaults={"short_name": before.short_name, "hostnames": hosts, "operation": operation},
    )
    return operation


@transaction.atomic
def archive_site(site: Tenant, *, by: User | None = None) -> SiteOperation:
    """Retire a site as a read-only archive: it stays online with the banner "Trang lưu
    trữ", out of menus and compliance scoring. (To send its URLs to a successor instead,
    merge it into the successor: every item moves and every URL answers 301.)"""
    site = Tenant.objects.select_for_update().get(pk=site.pk)
    if site.is_archived:
        raise LifecycleError(_("%(name)s đã là trang lưu trữ.") % {"name": site.name})
    site.is_archived = True
    site.save()
    bump_tree_version()
    return _done(OperationKind.RETIRE, site, by=by, plan={"archive": True})


def retire_site(
    site: Tenant, *, successor: Tenant | None = None, by: User | None = None
) -> SiteOperation:
    """Retire a site. Without a successor it stays online as a read-only archive; with one,
    it is merged into the successor (every item moves, every old URL answers 301 to the
    item's new URL, not to the home page) and the merge runs in the background."""
    if successor is None:
        return archive_site(site, by=by)
    from .merge import merge_sites

    return merge_sites([site], successor, by=by)
