"""sitemap.xml entries of the dialogue app: its pages, published Q&A and sessions."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import DialogueSession, Inquiry


class DialoguePagesSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self) -> list[str]:
        return ["dialogue:archive", "dialogue:ask", "dialogue:sessions", "dialogue:hotlines"]

    def location(self, item: str) -> str:
        return reverse(item)


class QASitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def __init__(self, tenant):
        self.tenant = tenant

    def items(self):
        return (
            Inquiry.objects.for_tenant(self.tenant)
            .published()
            .only("id", "published_at")
            .order_by("-published_at")[:5000]
        )

    def location(self, item: Inquiry) -> str:
        return reverse("dialogue:detail", args=[item.pk])

    def lastmod(self, item: Inquiry):
        return item.published_at


class SessionSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def __init__(self, tenant):
        self.tenant = tenant

    def items(self):
        return DialogueSession.objects.for_tenant(self.tenant).public().only("id", "slug")[:1000]

    def location(self, item: DialogueSession) -> str:
        return reverse("dialogue:session", args=[item.slug])


def sitemaps(tenant) -> dict[str, Sitemap]:
    return {
        "dialogue": DialoguePagesSitemap(),
        "qa": QASitemap(tenant),
        "dialogue-sessions": SessionSitemap(tenant),
    }
