"""Check that a merge broke no URL: read the sources' sitemaps before, then ask every old
URL afterwards and follow one hop (a crawler's view, in-process)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from django.test import Client

from tenants.models import Tenant

from .context import hostnames_of

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sitemap_urls(site: Tenant) -> list[str]:
    """Every <loc> of the site's sitemap index and its pages."""
    hosts = hostnames_of(site)
    if not hosts:
        return []
    client = Client(HTTP_HOST=hosts[0])
    index = client.get("/sitemap.xml")
    if index.status_code != 200:
        return []
    # Our own sitemap, rendered in this process: not untrusted input.
    urls = []
    for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", NS):  # noqa: S314
        page = client.get(_path(loc.text))
        if page.status_code == 200:
            root = ET.fromstring(page.content)  # noqa: S314
            urls += [u.text for u in root.findall("s:url/s:loc", NS)]
    return urls


@dataclass
class WalkResult:
    checked: int = 0
    one_hop: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def walk(urls: list[str]) -> WalkResult:
    """Each URL must answer 301 to a page that answers 200 (one hop, no chain)."""
    result = WalkResult()
    for url in urls:
        result.checked += 1
        response = Client(HTTP_HOST=urlsplit(url).hostname).get(_path(url))
        if response.status_code != 301:
            result.failures.append((url, str(response.status_code)))
            continue
        location = response["Location"]
        landed = Client(HTTP_HOST=urlsplit(location).hostname).get(_path(location))
        if landed.status_code == 200:
            result.one_hop += 1
        else:
            result.failures.append((url, f"301 → {location} → {landed.status_code}"))
    return result
