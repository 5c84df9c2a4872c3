"""Host header → Tenant, cached; the tree version key invalidates every cached view of it."""

from __future__ import annotations

from dataclasses import dataclass

from portal import replicas, versions
from portal.local_cache import versioned_cache

from .domains import normalize_hostname
from .models import Domain, Tenant

VERSION_KEY = "tenants:tree-version"
_MISSING = "missing"
_TIMEOUT = 600


@dataclass(frozen=True)
class Resolution:
    tenant: Tenant
    redirect_host: str | None = None  # set when the domain 301s to the primary one


def tree_version() -> int:
    """A number that changes whenever a tenant or domain changes."""
    return versions.current(VERSION_KEY)


def bump_tree_version() -> None:
    versions.bump(VERSION_KEY)
    replicas.delayed_bump(versions.bump, VERSION_KEY)  # pages read from a lagging replica


def host_without_port(host: str) -> str:
    """'Commune.Example.gov.vn:8000' -> 'commune.example.gov.vn'; '[::1]:8000' -> '[::1]'."""
    host = host.strip()
    if host.startswith("["):
        end = host.find("]")
        return normalize_hostname(host[: end + 1]) if end != -1 else ""
    return normalize_hostname(host.rsplit(":", 1)[0] if host.count(":") == 1 else host)


def port_suffix(host: str) -> str:
    """':8000' of 'example.gov.vn:8000' or '[::1]:8000'; '' when the host names no port."""
    tail = host[host.find("]") + 1 :] if host.startswith("[") else host
    return f":{tail.rsplit(':', 1)[1]}" if tail.count(":") == 1 else ""


def resolve_host(hostname: str) -> Resolution | None:
    """Find the tenant serving `hostname` (already without its port).

    Order: the exact hostname, lower-cased, trailing dot dropped, in `Domain`.
    Nothing else: an unknown host resolves to None and is answered 404 — never
    with the provincial portal. An inactive tenant or a hostname still waiting for
    approval (tenants/hostname_policy.py) resolves to None too.
    """
    hostname = normalize_hostname(hostname)
    if not hostname:
        return None
    key = f"tenants:v{tree_version()}:host:{hostname}"
    cached = versioned_cache.get(key)
    if cached == _MISSING:
        return None
    if cached is not None:
        return cached
    domain = (
        Domain.objects.select_related("tenant")
        .filter(hostname=hostname, tenant__is_active=True, is_approved=True)
        .first()
    )
    if domain is None:
        versioned_cache.set(key, _MISSING, _TIMEOUT)
        return None
    redirect_host = None
    if domain.redirect_to_primary and not domain.is_primary:
        redirect_host = (
            Domain.objects.filter(tenant_id=domain.tenant_id, is_primary=True, is_approved=True)
            .values_list("hostname", flat=True)
            .first()
        )
    resolution = Resolution(tenant=domain.tenant, redirect_host=redirect_host)
    versioned_cache.set(key, resolution, _TIMEOUT)
    return resolution
