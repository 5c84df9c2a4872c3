"""Sitemap entries: the published documents and consultations of the site."""

from django.contrib.sitemaps import Sitemap

from .models import Consultation, Document


class DocumentSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def __init__(self, tenant):
        self.tenant = tenant

    def items(self):
        return Document.objects.for_tenant(self.tenant).published().order_by("-issued_on", "-id")

    def lastmod(self, item):
        return item.updated_at


class ConsultationSitemap(DocumentSitemap):
    def items(self):
        return Consultation.objects.for_tenant(self.tenant).published().order_by("-id")


def sitemaps(tenant) -> dict[str, Sitemap]:
    return {"documents": DocumentSitemap(tenant), "consultations": ConsultationSitemap(tenant)}
