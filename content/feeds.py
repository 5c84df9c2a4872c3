"""Feeds per site and per category — RSS 2.0 (summaries), Atom 1.0 and JSON Feed 1.1 (the full
article) — of the published items of this tenant only."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from portal.feeds import FullContentAtom1Feed, JsonFeed
from portal.hooks import FeedEntry, collect_feed_entries

from . import selectors
from .models import Category

FEED_SIZE = 30


class SiteFeed(Feed):
    """The site's articles, after the entries other apps add to every site-wide feed
    (planned downtime, portal/hooks.py `feed_entries`): no query, they are cached."""

    feed_type = Rss201rev2Feed
    site_wide = True

    def get_object(self, request, *args, **kwargs):
        self.tenant = request.tenant
        return None

    def title(self, obj=None) -> str:
        return self.tenant.name

    def link(self, obj=None) -> str:
        return "/"

    def description(self, obj=None) -> str:
        return _("Tin bài mới của %(name)s") % {"name": self.tenant.name}

    def queryset(self, obj):
        return selectors.public_articles(self.tenant)

    def entries(self) -> list:
        return collect_feed_entries(self.tenant) if self.site_wide else []

    def items(self, obj=None):
        rows = selectors.card_articles(self.queryset(obj)).order_by("-published_at", "-id")
        return self.entries() + list(rows[:FEED_SIZE])

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.description if isinstance(item, FeedEntry) else item.summary

    def item_link(self, item) -> str:
        return item.link if isinstance(item, FeedEntry) else item.get_absolute_url()

    def item_pubdate(self, item):
        return item.pubdate if isinstance(item, FeedEntry) else item.published_at

    def item_updateddate(self, item):
        return item.pubdate if isinstance(item, FeedEntry) else item.updated_at

    def item_categories(self, item):
        return list(item.categories) if isinstance(item, FeedEntry) else [item.category.name]


class CategoryFeed(SiteFeed):
    site_wide = False

    def get_object(self, request, slug: str):
        self.tenant = request.tenant
        return get_object_or_404(Category.objects.for_tenant(request.tenant), slug=slug)

    def title(self, obj=None) -> str:
        return f"{obj.name} — {self.tenant.name}"

    def link(self, obj=None) -> str:
        return obj.get_absolute_url()

    def queryset(self, obj):
        ids = selectors.category_ids(obj)
        return selectors.public_articles(self.tenant).filter(category_id__in=ids)


class FullContent:
    """Atom and JSON Feed carry each article whole: body (sanitised on save) and cover."""

    def items(self, obj=None):
        rows = self.queryset(obj).select_related("cover", "category").defer("review_note")
        return self.entries() + list(rows.order_by("-published_at", "-id")[:FEED_SIZE])

    def item_extra_kwargs(self, item) -> dict:
        if isinstance(item, FeedEntry):
            return {"content": escape(item.description)}
        extra = {"content": item.body or ""}
        if item.cover_id and item.cover.file:
            extra["image"] = self.request.build_absolute_uri(item.cover.file.url)
        return extra

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return super().get_object(request, *args, **kwargs)


class SiteAtomFeed(FullContent, SiteFeed):
    feed_type = FullContentAtom1Feed


class SiteJsonFeed(FullContent, SiteFeed):
    feed_type = JsonFeed


class CategoryAtomFeed(FullContent, CategoryFeed):
    feed_type = FullContentAtom1Feed


class CategoryJsonFeed(FullContent, CategoryFeed):
    feed_type = JsonFeed
