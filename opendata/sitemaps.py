"""Sitemap entry of this app: the open-data catalogue page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class OpenDataSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5
    i18n = False

    def items(self) -> list[str]:
        return ["opendata:catalogue"]

    def location(self, item: str) -> str:
        return reverse(item)


def sitemaps(tenant) -> dict[str, Sitemap]:
    return {"opendata": OpenDataSitemap()}
