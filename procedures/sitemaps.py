"""Every procedure a site shows, in its sitemap."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Procedure


class ProcedureSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    i18n = False
    limit = 5000

    def __init__(self, tenant):
        self.tenant = tenant

    def items(self):
        return (
            Procedure.objects.active()
            .implemented_in(self.tenant)
            .only("code", "synced_at")
            .order_by("pk")
        )

    def location(self, item: Procedure) -> str:
        return reverse("procedures:detail", args=[item.code])

    def lastmod(self, item: Procedure):
        return item.synced_at


def sitemaps(tenant) -> dict[str, Sitemap]:
    return {"procedures": ProcedureSitemap(tenant)}
