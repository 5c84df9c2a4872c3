"""Blocks this app adds to every site: the main hotline and the hotlines link in the footer."""

from __future__ import annotations

from django.core.cache import cache

from portal import request_cache
from portal.hooks import Section

from .models import Hotline

CACHE_KEY = "dialogue:main-hotline:v1:{tenant_id}"
CACHE_SECONDS = 24 * 3600
MISSING = ""


def main_hotline_query(tenant_id: int):
    # The model's order (main first, then `order`, id), as `.first()` reads it.
    return Hotline.objects.filter(tenant_id=tenant_id, is_main=True).values("number")[:1]


def main_hotline(tenant_id: int) -> dict | None:
    """The hotline marked main, cached per tenant (cleared when hotlines change)."""
    key = CACHE_KEY.format(tenant_id=tenant_id)
    found = request_cache.get(key)
    if found is None and request_cache.fill_shell():
        found = request_cache.get(key)
    if found is None:
        found = _value(list(main_hotline_query(tenant_id)))
        cache.set(key, found, CACHE_SECONDS)
    return found or None


def _value(rows: list[dict]) -> dict | str:
    return {"number": rows[0]["number"]} if rows else MISSING


def keep_main_hotline(tenant_id: int, rows: list[dict]) -> None:
    """The hotline read with the rest of a page's shell (portal/request_cache.py)."""
    request_cache.put(CACHE_KEY.format(tenant_id=tenant_id), _value(rows), CACHE_SECONDS)


def forget_main_hotline(tenant_id: int) -> None:
    cache.delete(CACHE_KEY.format(tenant_id=tenant_id))


def footer_sections(request) -> list[Section]:
    tenant = getattr(request, "tenant", None)
    if tenant is None:
        return []
    hotline = main_hotline(tenant.pk)
    # The footer already shows Tenant.hotline; show the Hotline list's main one only
    # when it says something else, so the footer never shows two different "main" lines.
    number = hotline["number"] if hotline and hotline["number"] != tenant.hotline else ""
    return [Section("dialogue/footer_hotline.html", {"number": number}, order=50)]
