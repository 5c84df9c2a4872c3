"""Read a site's whole sitemap the way a crawler does: the index, then every page."""

from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_pages(client) -> list[str]:
    """Path and query of every sitemap page listed by /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200, response.status_code
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    pages = []
    for loc in root.findall("s:sitemap/s:loc", NS):
        parts = urlsplit(loc.text)
        pages.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def sitemap_locations(client) -> list[str]:
    """Every <loc> of every page of the site's sitemap, in order."""
    locations = []
    for page in sitemap_pages(client):
        response = client.get(page)
        assert response.status_code == 200, (page, response.status_code)
        root = ET.fromstring(response.content)
        locations += [loc.text for loc in root.findall("s:url/s:loc", NS)]
    return locations


def sitemap_text(client) -> str:
    """The concatenated XML of every sitemap page (for substring checks)."""
    return "\n".join(client.get(page).content.decode() for page in sitemap_pages(client))
