"""Read-side queries shared by views, feeds, sitemaps, sections and the search index."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q, QuerySet, Value
from django.utils.functional import SimpleLazyObject

from portal.publishing import PublicationStatus
from tenants.models import Tenant

from . import caching
from .models import Article, Category, Syndication, SyndicationStatus

PAGE_SIZE = 20


def public_articles(tenant: Tenant) -> QuerySet:
    return Article.objects.for_tenant(tenant).published().in_language()


def card_articles(queryset: QuerySet) -> QuerySet:
    """What a list item shows: no body, cover and category in the same query."""
    return queryset.select_related("cover", "category").defer(
        "body", "body_vi", "body_en", "review_note"
    )


def latest(tenant: Tenant, limit: int = 10) -> list[Article]:
    return list(card_articles(public_articles(tenant)).order_by("-published_at", "-id")[:limit])


def featured(tenant: Tenant, limit: int = 5) -> list[Article]:
    queryset = public_articles(tenant).filter(featured=True).order_by("-published_at", "-id")
    return list(card_articles(queryset)[:limit])


def category_ids(category: Category) -> list[int]:
    """The category and its descendants (no query for a leaf)."""
    if category.is_leaf_node():
        return [category.pk]
    return list(category.get_descendants(include_self=True).values_list("pk", flat=True))


# --- keyset (seek) pagination --------------------------------------------------------
@dataclass(frozen=True)
class Cursor:
    published_at: datetime
    pk: int

    def encode(self) -> str:
        return f"{int(self.published_at.timestamp() * 1_000_000)}.{self.pk}"

    @classmethod
    def decode(cls, value: str | None) -> Cursor | None:
        """A malformed cursor is treated as "no cursor" (page 1), never as an error."""
        if not value or len(value) > 40:
            return None
        try:
            micros, pk = value.split(".", 1)
            moment = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)
            return cls(moment, int(pk))
        except (ValueError, OverflowError, OSError):
            return None

    @classmethod
    def of(cls, article: Article) -> Cursor:
        return cls(article.published_at, article.pk)


@dataclass(frozen=True)
class Page:
    ids: list[int]  # the items' ids, in order: what a cached list is keyed on
    items: Sequence[Article]  # loaded when first read (not at all when the list is cached)
    older: str | None  # cursor of the next (older) page
    newer: str | None  # cursor of the previous (newer) page
    is_first: bool


def seek_page(
    queryset: QuerySet,
    *,
    after: str | None = None,
    before: str | None = None,
    size: int = PAGE_SIZE,
) -> Page:
    """One page of `queryset` by (published_at, id) descending, without OFFSET.

    `after`: the page that follows that cursor (older items); `before`: the page that
    precedes it (newer items). Each costs one indexed range scan of `size + 1` rows,
    whatever the depth. The scan reads only dates and ids; the articles themselves are
    read by id when the page's list is rendered, which a cached list never is.
    """
    newer_cursor, older_cursor = Cursor.decode(before), Cursor.decode(after)
    keys = queryset.values_list("published_at", "pk")
    if newer_cursor is not None:
        c = newer_cursor
        rows = list(
            keys.filter(
                # The plain range first: PostgreSQL turns it into an index condition.
                Q(published_at__gte=c.published_at),
                Q(published_at__gt=c.published_at) | Q(pk__gt=c.pk),
            ).order_by("published_at", "id")[: size + 1]
        )
        has_more_newer = len(rows) > size
        shown = list(reversed(rows[:size]))
        return _page(
            queryset,
            shown,
            older=Cursor(*shown[-1]).encode() if shown else None,
            newer=Cursor(*shown[0]).encode() if shown and has_more_newer else None,
            is_first=not has_more_newer,
        )
    if older_cursor is not None:
        c = older_cursor
        keys = keys.filter(
            Q(published_at__lte=c.published_at),
            Q(published_at__lt=c.published_at) | Q(pk__lt=c.pk),
        )
    rows = list(keys.order_by("-published_at", "-id")[: size + 1])
    shown = rows[:size]
    return _page(
        queryset,
        shown,
        older=Cursor(*shown[-1]).encode() if len(rows) > size else None,
        newer=Cursor(*shown[0]).encode() if older_cursor is not None and shown else None,
        is_first=older_cursor is None,
    )


def cached_page(
    tenant: Tenant, name: str, queryset, *, after: str | None, before: str | None
) -> Page:
    """`seek_page`, its ids and links cached per site, content version and cursor (a
    list read again costs no query). `queryset()` builds the list's queryset, called
    only on a miss or when the cards are rendered. Keyed on the cursors as read, so junk
    ones share page 1's entry."""
    newer, older = Cursor.decode(before), Cursor.decode(after)
    key = f"page:{name}:{older.encode() if older else ''}:{newer.encode() if newer else ''}"

    def build() -> dict:
        page = seek_page(queryset(), after=after, before=before)
        return {"ids": page.ids, "older": page.older, "newer": page.newer, "first": page.is_first}

    found = caching.cached(tenant.pk, key, build)
    return _page_of_ids(
        queryset, found["ids"], older=found["older"], newer=found["newer"], is_first=found["first"]
    )


def _page_of_ids(queryset, ids: list[int], **links) -> Page:
    """The page's articles, read by id from `queryset()` (the site's public articles, so
    an id no longer public is dropped) when the list is rendered."""

    def load() -> list[Article]:
        found = queryset().in_bulk(ids) if ids else {}
        return [found[pk] for pk in ids if pk in found]

    return Page(ids=ids, items=SimpleLazyObject(load), **links)


def _page(queryset: QuerySet, shown: list[tuple[datetime, int]], **links) -> Page:
    return _page_of_ids(lambda: queryset, [pk for _published_at, pk in shown], **links)


# --- convergence -----------------------------------------------------------------------
def accepted_syndications(portal: Tenant, any_language: bool = False) -> QuerySet:
    """Items of component sites that the portal accepted and that are still public at source.

    `any_language`: for the detail page, which the language switch of a Vietnamese-only
    item leads to in English."""
    queryset = Syndication.objects.for_tenant(portal).filter(
        status=SyndicationStatus.ACCEPTED,
        article__status=PublicationStatus.PUBLISHED,
        article__deleted_at__isnull=True,
    )
    queryset = queryset.in_language("article__title", any_language=any_language)
    return queryset.select_related("article", "article__tenant", "article__cover")


# --- beside an article ---------------------------------------------------------------
SIDE_LIMIT = 5


@dataclass
class SideLists:
    """What an article page shows beside its text: related, same-category, most-read."""

    related: list[Article]
    same_category: list[Article]
    most_read: list[Article]

    def __bool__(self) -> bool:
        return bool(self.related or self.same_category or self.most_read)


def side_lists(tenant: Tenant, article: Article) -> SideLists:
    """Related items, the category's latest and the site's most read; no item shown
    twice beside one article (related first, then the category's, then the most read).

    The last two are the same beside every article of the site: cached per content
    version (the article itself is left out here), and read with the related items in
    one UNION ALL query when missing. An article without related items whose two lists
    are cached costs no query here."""
    site_cards = card_articles(public_articles(tenant))
    latest_name, most_read_name = f"side-latest-{article.category_id}", "side-most-read"
    latest = caching.peek(tenant.pk, latest_name)
    most_read = caching.peek(tenant.pk, most_read_name)
    # Each with a margin: an item shown in an earlier list is dropped from a later one,
    # and the article itself from both.
    wanted = SIDE_LIMIT * 2 + 1
    parts = {}
    if getattr(article, "has_related", True):
        # Scoped by site_cards (the site's public articles): a related link that points
        # to another site's article shows nothing here.
        related = site_cards.exclude(pk=article.pk).filter(pk__in=article.related.values("pk"))
        parts["related"] = related.order_by("-published_at", "-id")[:6]
    if latest is None:
        in_category = site_cards.filter(category_id=article.category_id)
        parts["same_category"] = in_category.order_by("-published_at", "-id")[:wanted]
    if most_read is None:
        read = site_cards.filter(view_count__gt=0)
        parts["most_read"] = read.order_by("-view_count", "-published_at", "-id")[:wanted]
    found = _union(parts)
    if latest is None:
        latest = sorted(found["same_category"], key=_newest, reverse=True)
        caching.keep(tenant.pk, latest_name, latest)
    if most_read is None:
        most_read = sorted(found["most_read"], key=_most_viewed, reverse=True)
        caching.keep(tenant.pk, most_read_name, most_read)
    seen: set[int] = {article.pk}
    lists = {}
    for name, items, limit in (
        ("related", sorted(found.get("related", []), key=_newest, reverse=True), 6),
        ("same_category", latest, SIDE_LIMIT),
        ("most_read", most_read, SIDE_LIMIT),
    ):
        lists[name] = [a for a in items if a.pk not in seen][:limit]
        seen.update(a.pk for a in lists[name])
    return SideLists(**lists)


def _newest(article: Article) -> tuple:
    return (article.published_at, article.pk)


def _most_viewed(article: Article) -> tuple:
    return (article.view_count, article.published_at, article.pk)


def _union(parts: dict[str, QuerySet]) -> dict[str, list[Article]]:
    """The parts' rows in one query (a union keeps no order between its parts' rows)."""
    found: dict[str, list[Article]] = {name: [] for name in parts}
    queries = [q.annotate(side_list=Value(name)) for name, q in parts.items()]
    if not queries:
        return found
    rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    for item in rows:
        found[item.side_list].append(item)
    return found
