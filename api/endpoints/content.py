"""Sites, categories and articles (with body, images, renditions and attachments)."""

from datetime import datetime

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from content import selectors
from content.models import Article, ArticleAttachment, Category
from tenants.models import Tenant

from .. import keyset
from ..answers import respond, strict
from ..problems import ApiError
from .common import (
    FileLink,
    Lang,
    Links,
    Scope,
    SiteRef,
    cursor_param,
    detail_or_404,
    limit_param,
    list_answer,
    scoped,
    since,
    site_ref,
)

router = Router(tags=["content"])


# --- sites ----------------------------------------------------------------------------
class Site(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    parent: str | None
    depth: int
    hostnames: list[str]
    url: str
    address: str
    phone: str
    email: str
    hotline: str
    governing_body: str
    responsible_person: str
    responsible_title: str
    is_archived: bool
    updated_at: datetime


class SitePage(Schema):
    items: list[Site]
    next_cursor: str | None
    next: str | None


def _site(request: HttpRequest, site: Tenant) -> dict:
    hostnames = [d.hostname for d in site.domains.all() if not d.redirect_to_primary]
    primary = next((d.hostname for d in site.domains.all() if d.is_primary), None)
    host = primary or (hostnames[0] if hostnames else request.get_host())
    return {
        "slug": site.slug,
        "name": site.name,
        "short_name": site.short_name or "",
        "kind": site.kind,
        "parent": site.parent.slug if site.parent_id else None,
        "depth": site.level - request.tenant.level,
        "hostnames": hostnames,
        "url": f"{request.scheme}://{host}/",
        "address": site.address or "",
        "phone": site.phone,
        "email": site.email,
        "hotline": site.hotline,
        "governing_body": site.governing_body or "",
        "responsible_person": site.responsible_person,
        "responsible_title": site.responsible_title or "",
        "is_archived": site.is_archived,
        "updated_at": site.updated_at,
    }


def _sites(request: HttpRequest, scope: str):
    here = request.tenant
    queryset = Tenant.objects.filter(is_active=True).select_related("parent")
    scope_q = Q(pk=here.pk) if scope == "site" else here.subtree_q()
    queryset = queryset.filter(scope_q)
    return queryset.prefetch_related("domains")


@router.get("/sites", response=SitePage, summary="Sites (the tree below this host)")
@strict
def list_sites(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "subtree",
    kind: str | None = Query(None, max_length=20),
    updated_since: datetime | None = None,
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    queryset = since(_sites(request, scope), updated_since)
    if kind:
        queryset = queryset.filter(kind=kind)
    return list_answer(
        request,
        SitePage,
        queryset,
        keyset.Order(("id",)),
        cursor,
        limit,
        lambda items, links: [_site(request, s) for s in items],
    )


@router.get("/sites/{slug}", response=Site, summary="One site of the tree")
@strict
def get_site(request: HttpRequest, slug: str, lang: Lang = "vi"):
    site = detail_or_404(_sites(request, "subtree"), slug=slug[:100])
    return respond(request, Site, _site(request, site), last_modified=site.updated_at)


# --- categories -----------------------------------------------------------------------
class CategoryOut(Schema):
    id: int
    site: SiteRef
    parent_id: int | None
    name: str
    slug: str
    kind: str
    description: str
    url: str


class CategoryPage(Schema):
    items: list[CategoryOut]
    next_cursor: str | None
    next: str | None


def _categories(items: list[Category], links: Links) -> list[dict]:
    return [
        {
            "id": c.pk,
            "site": site_ref(c.tenant),
            "parent_id": c.parent_id,
            "name": c.name,
            "slug": c.slug,
            "kind": c.kind,
            "description": c.description or "",
            "url": links.page(c.tenant_id, c.get_absolute_url()),
        }
        for c in items
    ]


@router.get("/categories", response=CategoryPage, summary="Categories (chuyên mục)")
@strict
def list_categories(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "site",
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    queryset = scoped(Category.objects.all(), request, scope).select_related("tenant")
    return list_answer(
        request,
        CategoryPage,
        queryset,
        keyset.Order(("id",)),
        cursor,
        limit,
        _categories,
        modified=lambda item: None,
    )


# --- articles -------------------------------------------------------------------------
class Rendition(Schema):
    width: int
    jpeg: str
    webp: str


class ImageOut(Schema):
    url: str
    alt: str
    caption: str
    credit: str
    width: int
    height: int
    renditions: list[Rendition]


class CategoryRef(Schema):
    id: int
    slug: str
    name: str


class ArticleCard(Schema):
    id: int
    site: SiteRef
    title: str
    slug: str
    summary: str
    category: CategoryRef | None = None
    cover: ImageOut | None
    author: str
    source: str
    featured: bool
    published_at: datetime
    updated_at: datetime
    url: str


class ArticleDetail(ArticleCard):
    body_html: str
    attachments: list[FileLink]


class ArticlePage(Schema):
    items: list[ArticleCard]
    next_cursor: str | None
    next: str | None


def _image(image, links: Links) -> dict | None:
    if image is None or not image.file:
        return None
    return {
        "url": links.file(image.tenant_id, image.file.name),
        "alt": image.alt or "",
        "caption": image.caption or "",
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "renditions": [
            {
                "width": int(r.get("width", 0)),
                "jpeg": links.file(image.tenant_id, r.get("jpeg", "")),
                "webp": links.file(image.tenant_id, r.get("webp", "")),
            }
            for r in image.renditions or []
            if isinstance(r, dict)
        ],
    }


def _card(article: Article, links: Links) -> dict:
    category = article.category
    return {
        "id": article.pk,
        "site": site_ref(article.tenant),
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary or "",
        "category": {"id": category.pk, "slug": category.slug, "name": category.name}
        if category
        else None,
        "cover": _image(article.cover, links),
        "author": article.author,
        "source": article.source,
        "featured": article.featured,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "url": links.page(article.tenant_id, article.get_absolute_url()),
    }


def _articles(request: HttpRequest, scope: str):
    queryset = scoped(Article.objects.published(), request, scope).in_language()
    return queryset.select_related("tenant", "category", "cover")


@router.get("/articles", response=ArticlePage, summary="Published articles (tin bài)")
@strict
def list_articles(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "site",
    category: str | None = Query(None, max_length=200, description="Category slug"),
    year: int | None = Query(None, ge=1900, le=2100),
    featured: bool | None = None,
    updated_since: datetime | None = None,
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    queryset = since(_articles(request, scope), updated_since).defer(
        "body", "body_vi", "body_en", "review_note"
    )
    if category:
        found = scoped(Category.objects.all(), request, scope).filter(slug=category).first()
        if found is None:
            raise ApiError(404, _("Không có chuyên mục này."))
        queryset = queryset.filter(category_id__in=selectors.category_ids(found))
    if year:
        queryset = queryset.filter(published_at__year=year)
    if featured is not None:
        queryset = queryset.filter(featured=featured)
    return list_answer(
        request,
        ArticlePage,
        queryset,
        keyset.Order(("-published_at", "-id")),
        cursor,
        limit,
        lambda items, links: [_card(a, links) for a in items],
    )


@router.get("/articles/{article_id}", response=ArticleDetail, summary="One article, with body")
@strict
def get_article(request: HttpRequest, article_id: int, lang: Lang = "vi", scope: Scope = "site"):
    if not 0 < article_id < 2**63:
        raise ApiError(404, _("Không tìm thấy mục này (hoặc mục chưa công khai)."))
    queryset = _articles(request, scope).prefetch_related(
        Prefetch("attachments", queryset=ArticleAttachment.objects.order_by("id"))
    )
    article = detail_or_404(queryset, pk=article_id)
    links = Links(request, [article.tenant_id])
    data = _card(article, links) | {
        "body_html": article.body or "",
        "attachments": [
            {"title": a.title, "url": links.file(article.tenant_id, a.file.name)}
            for a in article.attachments.all()
        ],
    }
    return respond(request, ArticleDetail, data, last_modified=article.updated_at)
