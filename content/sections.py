"""Blocks of the home page and the About page (portal.hooks)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q, Value
from django.utils import timezone

from portal.hooks import Section

from . import caching, selectors
from .models import Alert, Banner, Category, CategoryKind, Link, LocalityPage, SiteHero

HOME_CATEGORIES = 6
PER_CATEGORY = 4


def _home_blocks(tenant) -> dict:
    """Everything on the home page but the alert: one cached dict per tenant and language."""
    categories = list(
        Category.objects.for_tenant(tenant)
        .filter(on_home=True, level=0)
        .order_by("tree_id")[:HOME_CATEGORIES]
    )
    by_category = []
    press = []
    featured = selectors.featured(tenant)
    # The blocks under the featured one show other news, not the same items again.
    latest = _latest_per_category(tenant, categories, exclude=[a.pk for a in featured])
    for category in categories:
        items = latest.get(category.pk, [])
        if category.kind == CategoryKind.PRESS_RELEASES:
            press.extend(items)
        elif items:
            by_category.append((category, items))
    units = []
    if not tenant.is_leaf_node():  # only a site with component sites receives their news
        units = list(selectors.accepted_syndications(tenant).order_by("-decided_at", "-id")[:8])
    return {
        "alerts": _alerts_not_ended(tenant),
        "hero": SiteHero.objects.for_tenant(tenant).select_related("image").first(),
        "featured": featured,
        "by_category": by_category,
        "press": press,
        "units": units,
        "links": list(Link.objects.for_tenant(tenant)),
        "banners": list(
            Banner.objects.for_tenant(tenant).filter(is_active=True).select_related("image")
        ),
    }


def _latest_per_category(
    tenant, categories: list[Category], *, exclude: Sequence[int] = ()
) -> dict[int, list]:
    """The PER_CATEGORY latest cards of each category (and its subcategories) but the
    `exclude`d ones: one UNION ALL query for all the blocks instead of one per block."""
    parts = [
        selectors.card_articles(
            selectors.public_articles(tenant)
            .filter(category_id__in=selectors.category_ids(category))
            .exclude(pk__in=exclude)
        )
        .annotate(home_block=Value(category.pk))
        .order_by("-published_at", "-id")[:PER_CATEGORY]
        for category in categories
    ]
    found: dict[int, list] = {}
    if parts:
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for article in rows:
            found.setdefault(article.home_block, []).append(article)
    for items in found.values():  # a union keeps no order between its parts' rows
        items.sort(key=lambda a: (a.published_at, a.pk), reverse=True)
    return found


def _alerts_not_ended(tenant) -> list[Alert]:
    now = timezone.now()
    return list(
        Alert.objects.for_tenant(tenant).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))[:10]
    )


def current_alerts(alerts: list[Alert]) -> list[Alert]:
    """Filtered at each request, so a cached list still starts and ends on time."""
    now = timezone.now()
    return [a for a in alerts if a.starts_at <= now and (a.ends_at is None or a.ends_at > now)][:3]


def home_sections(request) -> list[Section]:
    tenant = request.tenant
    blocks = caching.cached(tenant.pk, "home", lambda: _home_blocks(tenant))
    # The blocks' HTML (about 20 cards with pictures: most of the home page's rendering
    # time) is cached with the data, on the same version key; alerts start and end on
    # time, so they are filtered and rendered at each request.
    fragment_key = caching.fragment_key(tenant.pk)
    sections = []
    alerts = current_alerts(blocks["alerts"])
    if alerts:
        sections.append(Section("content/sections/alert.html", {"alerts": alerts}, order=0))
    sections.append(
        Section(
            "content/sections/hero.html",
            {"hero": blocks["hero"], "cache_key": fragment_key},
            order=5,
        )
    )
    if blocks["featured"]:
        sections.append(
            Section(
                "content/sections/featured.html",
                {"items": blocks["featured"], "cache_key": fragment_key},
                order=10,
            )
        )
    if blocks["by_category"]:
        sections.append(
            Section(
                "content/sections/categories.html",
                {"groups": blocks["by_category"], "cache_key": fragment_key},
                20,
            )
        )
    if blocks["press"]:
        sections.append(
            Section(
                "content/sections/press.html",
                {"items": blocks["press"], "cache_key": fragment_key},
                30,
            )
        )
    if blocks["units"]:
        sections.append(
            Section(
                "content/sections/units.html",
                {"items": blocks["units"], "cache_key": fragment_key},
                40,
            )
        )
    if blocks["links"] or blocks["banners"]:
        sections.append(
            Section(
                "content/sections/links.html",
                {
                    "links": blocks["links"],
                    "banners": blocks["banners"],
                    "cache_key": fragment_key,
                },
                order=90,
            )
        )
    return sections


def about_sections(request) -> list[Section]:
    tenant = request.tenant
    locality = caching.cached(
        tenant.pk, "locality", lambda: list(LocalityPage.objects.for_tenant(tenant))
    )
    return [Section("content/sections/about_links.html", {"locality": locality}, order=10)]


def footer_sections(request) -> list[Section]:
    """Links every page carries: the HTML site map and the site's RSS feed (no query)."""
    return [Section("content/sections/footer_links.html", {}, order=50)]
