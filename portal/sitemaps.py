"""The foundation's sitemap entries: home and About of the tenant."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0
    i18n = False

    def items(self) -> list[str]:
        return ["home", "tenants:about"]

    def location(self, item: str) -> str:
        return reverse(item)


def sitemaps(tenant) -> dict[str, Sitemap]:
    return {"pages": StaticPagesSitemap()}
