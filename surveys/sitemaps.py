"""sitemap.xml entries of the surveys app."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SurveyPagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self) -> list[str]:
        return ["surveys:survey", "surveys:polls"]

    def location(self, item: str) -> str:
        return reverse(item)


def sitemaps(tenant) -> dict[str, Sitemap]:
    return {"surveys": SurveyPagesSitemap()}
