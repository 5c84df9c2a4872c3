"""sitemap.xml entries of the content app (portal/sitemaps.py collects them)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.publishing import PublicationStatus

from .models import Article, Category, LocalityPage


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def __init__(self, tenant):
        self.tenant = tenant

    def items(self):
        return (
            Article.objects.for_tenant(self.tenant)
            .filter(status=PublicationStatus.PUBLISHED, deleted_at__isnull=True)
            .only("slug", "updated_at", "published_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, item):
        return item.updated_at

    def location(self, item) -> str:
        # One reverse() per page instead of one per item: 5,000 items per sitemap page.
        if not hasattr(self, "_pattern"):
            self._pattern = reverse("content:article", args=["SLUG"])
        return self._pattern.replace("SLUG", item.slug)


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def __init__(self, tenant):
        self.tenant = tenant

    def items(self):
        return Category.objects.for_tenant(self.tenant).only("slug").order_by("tree_id", "lft")


class AboutSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def __init__(self, tenant):
        self.tenant = tenant

    def items(self):
        names = [
            "content:organisation",
            "content:leaders",
            "content:contacts",
            "content:history",
            "content:site_map",
            "content:latest",
        ]
        pages = LocalityPage.objects.for_tenant(self.tenant).values_list("slug", flat=True)
        return names + [("content:locality", slug) for slug in pages]

    def location(self, item):
        if isinstance(item, tuple):
            return reverse(item[0], args=[item[1]])
        return reverse(item)


def sitemaps(tenant) -> dict[str, Sitemap]:
    return {
        "articles": ArticleSitemap(tenant),
        "categories": CategorySitemap(tenant),
        "about": AboutSitemap(tenant),
    }
