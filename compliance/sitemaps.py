"""Sitemap entries of this app: the visit statistics page and the list of information
that must be disclosed (B17)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class CompliancePagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5
    i18n = False

    def items(self) -> list[str]:
        return ["compliance:disclosure_list", "compliance:statistics"]

    def location(self, item: str) -> str:
        return reverse(item)


def sitemaps(tenant) -> dict[str, Sitemap]:
    return {"compliance": CompliancePagesSitemap()}
