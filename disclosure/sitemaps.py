"""sitemap.xml entries: each section landing and every published record of the site."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import SECTION_PATHS, Record


class SectionSitemap(Sitemap):
    changefreq = "weekly"
    i18n = False

    def items(self) -> list[str]:
        return list(SECTION_PATHS.values())

    def location(self, item: str) -> str:
        return reverse("disclosure:list", args=[item])


class RecordSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000
    i18n = False

    def __init__(self, tenant):
        self.tenant = tenant

    def items(self):
        return Record.objects.for_tenant(self.tenant).published().order_by("-published_at", "-id")

    def lastmod(self, item):
        return item.updated_at


def sitemaps(tenant) -> dict[str, Sitemap]:
    return {"disclosure-sections": SectionSitemap(), "disclosure": RecordSitemap(tenant)}
