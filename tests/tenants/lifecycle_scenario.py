"""Two communes with clashing slugs and a third one to merge into, for the lifecycle tests."""

import datetime
from dataclasses import dataclass

from compliance.models import VisitDaily
from content.models import Article, Category
from documents.models import Document
from tenants.models import Tenant
from tests.content.factories import ArticleFactory, CategoryFactory
from tests.dialogue.factories import PublishedInquiryFactory, SessionFactory
from tests.disclosure.factories import RecordFactory
from tests.documents.factories import DocumentFactory
from tests.search.factories import index_all
from tests.tenants.factories import TenantFactory

DAY = datetime.date(2026, 11, 2)


@dataclass
class Communes:
    hoa_binh: Tenant
    tan_lap: Tenant
    target: Tenant
    clash_article: Article  # Tân Lập's "le-hoi-dua-thuyen", also a slug of Hòa Bình
    shared_document: Document  # Tân Lập's copy of a document Hòa Bình also published


def two_communes(province, *, target=None, articles_each=3) -> Communes:
    hoa_binh = TenantFactory(
        parent=province, slug="hoabinh", name_vi="Xã Hòa Bình", hostname="hoabinh.portal.test"
    )
    tan_lap = TenantFactory(
        parent=province, slug="tanlap", name_vi="Xã Tân Lập", hostname="tanlap.portal.test"
    )
    tan_lap.domains.create(hostname="tanlap-cu.portal.test")  # an old alias
    target = target or TenantFactory(
        parent=province, slug="hoalap", name_vi="Xã Hòa Lập", hostname="hoalap.portal.test"
    )
    for site in (hoa_binh, tan_lap):
        news = CategoryFactory(tenant=site, slug="tin-tuc", name_vi="Tin tức")
        for n in range(articles_each):
            ArticleFactory(tenant=site, category=news, title_vi=f"Tin {site.slug} số {n}")
        ArticleFactory(
            tenant=site,
            category=news,
            slug="le-hoi-dua-thuyen",
            title_vi=f"Lễ hội đua thuyền {site.name}",
        )
        DocumentFactory(tenant=site, number="12/2025/QĐ-UBND", summary_vi=f"Quyết định {site}")
        PublishedInquiryFactory(tenant=site, title=f"Câu hỏi {site.slug}")
        SessionFactory(tenant=site, slug="doi-thoai-dan-chu", title_vi=f"Đối thoại {site.slug}")
        RecordFactory(tenant=site, location=site, slug="quy-hoach-2030")
        VisitDaily.objects.create(tenant=site, day=DAY, path="/", views=10)
    index_all()
    return Communes(
        hoa_binh=hoa_binh,
        tan_lap=tan_lap,
        target=target,
        clash_article=Article.objects.get(tenant=tan_lap, slug="le-hoi-dua-thuyen"),
        shared_document=Document.objects.get(tenant=tan_lap),
    )


def owned_by(tenant) -> dict[str, int]:
    return {
        "articles": Article.objects.filter(tenant=tenant).count(),
        "categories": Category.objects.filter(tenant=tenant).count(),
        "documents": Document.objects.filter(tenant=tenant).count(),
    }
