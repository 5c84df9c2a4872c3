"""Public pages of the content app. Thin: scope by request.tenant, call a selector, render."""

from __future__ import annotations

import json

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal.context_processors import request_origin_suffix
from portal.hooks import collect_menu
from portal.languages import is_english, untranslated
from tenants.models import TenantKind
from tenants.site import primary_hostnames, site_descendants

from . import caching, counters, selectors
from . import preview as previews
from .models import (
    Article,
    ArticleAttachment,
    Category,
    ContactOfficial,
    HistoryEntry,
    Leader,
    LocalityPage,
    OrgUnit,
)


def _origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@require_safe
def category(request: HttpRequest, slug: str) -> HttpResponse:
    tenant = request.tenant
    current = caching.cached(
        tenant.pk,
        f"category:{slug}",
        lambda: Category.objects.for_tenant(tenant).filter(slug=slug).first(),
    )
    if current is None:
        raise Http404

    def articles():
        ids = selectors.category_ids(current)
        return selectors.card_articles(
            selectors.public_articles(tenant).filter(category_id__in=ids)
        )

    page = selectors.cached_page(
        tenant,
        f"category-{current.pk}",
        articles,
        after=request.GET.get("sau"),
        before=request.GET.get("truoc"),
    )
    return render(
        request,
        "content/category.html",
        {
            "category": current,
            "ancestors": current.get_ancestors(),
            "children": current.get_children(),
            "page": page,
            "list_key": _list_key(request, current.pk, page),
        },
    )


@require_safe
def latest(request: HttpRequest) -> HttpResponse:
    """Every published article of the site, newest first (the "Tin tức" page)."""
    tenant = request.tenant
    page = selectors.cached_page(
        tenant,
        "latest",
        lambda: selectors.card_articles(selectors.public_articles(tenant)),
        after=request.GET.get("sau"),
        before=request.GET.get("truoc"),
    )
    return render(
        request,
        "content/category.html",
        {"category": None, "page": page, "list_key": _list_key(request, 0, page)},
    )


def _list_key(request: HttpRequest, category_id: int, page: selectors.Page) -> str:
    """Key of the cached card list: built from the page found, not from the raw query
    string, so junk cursors cannot multiply cache entries; the content version in it
    changes with any edit."""
    ids = ",".join(map(str, page.ids))
    version = caching.fragment_key(request.tenant.pk)
    return f"{version}:{category_id}:{ids}:{page.newer}:{page.older}:{page.is_first}"


def _published_article(tenant, slug: str) -> Article | None:
    """The article with its category and cover, cached per site and content version (a
    second reader costs no query); whether it has files or related items rides along,
    so that the page asks for neither when it has none (most articles)."""

    def build() -> Article | None:
        return (
            Article.objects.for_tenant(tenant)
            .published()
            .select_related("category", "cover")
            # Both subqueries are tied to the outer row (OuterRef), an article of this
            # site: they cannot see another site's files or links.
            .annotate(
                has_attachments=Exists(ArticleAttachment.objects.filter(article=OuterRef("pk"))),
                has_related=Exists(
                    Article.related.through.objects.filter(from_article=OuterRef("pk"))
                ),
            )
            .filter(slug=slug)
            .first()
        )

    return caching.cached(tenant.pk, f"article:{slug}", build)


@require_safe
def article(request: HttpRequest, slug: str) -> HttpResponse:
    # Not language-filtered: the language switch of a Vietnamese-only article leads
    # here, and an English reader gets the Vietnamese text with a notice, not a 404.
    item = _published_article(request.tenant, slug)
    if item is None:
        raise Http404
    if request.method == "GET":  # HEAD requests (link checkers) are not readers
        counters.count_view(item.pk)
    url = f"{_origin(request)}{request.path}"
    return render(
        request,
        "content/article.html",
        {
            "article": item,
            # Read only when the cached body below is missing (lazy: no query otherwise).
            "attachments": SimpleLazyObject(
                lambda: list(item.attachments.all()) if item.has_attachments else []
            ),
            # Related, same-category and most-read items beside the text: one query, and
            # only when the cached body (which holds them) is missing.
            "side": SimpleLazyObject(lambda: selectors.side_lists(request.tenant, item)),
            # Any content change of the site bumps the version in this key.
            "article_cache_key": f"{caching.fragment_key(request.tenant.pk)}:{item.pk}:{url}",
            "canonical_url": url,
            "json_ld": _json_ld(request, item, request.tenant.name),
            "source": None,
            "untranslated": untranslated(item),
        },
    )


@require_safe
@never_cache
def preview(request: HttpRequest, token: str) -> HttpResponse:
    """A draft (or any state) as it will appear, from the admin's signed link."""
    item = previews.article_for(token, request.tenant)
    if item is None:
        raise Http404
    response = render(
        request,
        "content/article.html",
        {
            "article": item,
            "attachments": list(item.attachments.all()),
            "canonical_url": f"{_origin(request)}{item.get_absolute_url()}",
            "json_ld": "{}",
            "source": None,
            "untranslated": untranslated(item),
            "preview": True,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def syndicated(request: HttpRequest, pk: int) -> HttpResponse:
    """An article of a component site, shown on the parent portal with its source."""
    syndication = get_object_or_404(
        selectors.accepted_syndications(request.tenant, any_language=True), pk=pk
    )
    item = syndication.article
    source_tenant = item.tenant
    hostname = primary_hostnames([source_tenant.pk]).get(source_tenant.pk)
    if hostname is None:
        raise Http404
    prefix = "/en" if is_english() else ""
    source_url = (
        f"{request.scheme}://{hostname}{request_origin_suffix(request)}"
        f"{prefix}{item.get_absolute_url()}"
    )
    return render(
        request,
        "content/article.html",
        {
            "article": item,
            "attachments": list(item.attachments.all()),
            "canonical_url": source_url,
            "json_ld": _json_ld(request, item, source_tenant.name),
            "source": {"name": source_tenant.name, "url": source_url},
            "untranslated": untranslated(item),
        },
    )


def _json_ld(request: HttpRequest, item: Article, publisher: str) -> str:
    # No "url": the page's canonical link already names it (page weight, issue 22).
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title[:110],
        "datePublished": item.published_at.isoformat("T", "seconds") if item.published_at else None,
        "dateModified": item.updated_at.isoformat("T", "seconds"),
        "inLanguage": get_language() or "vi",
        "publisher": {"@type": "GovernmentOrganization", "name": publisher},
    }
    if item.author:
        data["author"] = {"@type": "Person", "name": item.author}
    if item.cover_id:
        data["image"] = [f"{_origin(request)}{item.cover.file.url}"]
    # Escape "<" so that no text can close the <script> element that carries the data.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


@require_safe
def site_map(request: HttpRequest) -> HttpResponse:
    """Sơ đồ cổng: the menu of every app and the whole category tree."""
    categories = Category.objects.for_tenant(request.tenant).order_by("tree_id", "lft")
    return render(
        request,
        "content/site_map.html",
        {
            "menu": collect_menu(request.tenant),
            "categories": list(categories),
            "site_groups": _site_groups(site_descendants(request.tenant)),
        },
    )


SITE_GROUP_MAX = 60  # per kind; a national portal's 4,000 communes are paged on /gioi-thieu/


def _site_groups(descendants) -> list[tuple[str, list, int]]:
    """Component sites grouped by kind (departments, communes, wards…), from the cache:
    (label, the first SITE_GROUP_MAX links, how many in all)."""
    labels = dict(TenantKind.choices)
    groups: dict[str, list] = {}
    for link in (d for d in descendants if d.depth == 1):
        groups.setdefault(link.kind, []).append(link)
    return [
        (labels.get(kind, kind), links[:SITE_GROUP_MAX], len(links))
        for kind, links in groups.items()
    ]


# --- about the agency and the locality ---------------------------------------------------
@require_safe
def organisation(request: HttpRequest) -> HttpResponse:
    units = list(OrgUnit.objects.for_tenant(request.tenant).order_by("tree_id", "lft"))
    return render(request, "content/about/organisation.html", {"units": units})


@require_safe
def leaders(request: HttpRequest) -> HttpResponse:
    people = Leader.objects.for_tenant(request.tenant).select_related("photo")
    return render(request, "content/about/leaders.html", {"leaders": list(people)})


@require_safe
def contacts(request: HttpRequest) -> HttpResponse:
    people = ContactOfficial.objects.for_tenant(request.tenant)
    return render(request, "content/about/contacts.html", {"contacts": list(people)})


@require_safe
def history(request: HttpRequest) -> HttpResponse:
    entries = HistoryEntry.objects.for_tenant(request.tenant)
    return render(request, "content/about/history.html", {"entries": list(entries)})


@require_safe
def locality(request: HttpRequest, slug: str) -> HttpResponse:
    pages = list(LocalityPage.objects.for_tenant(request.tenant))
    current = next((p for p in pages if p.slug == slug), None)
    if current is None:
        raise Http404
    return render(request, "content/about/locality.html", {"page": current, "pages": pages})
