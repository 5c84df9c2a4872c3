"""RSS 2.0 per section: the latest published records of the site and its subtree."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse

from . import selectors
from .models import SECTION_BY_PATH, SECTION_PATHS, Section


class SectionFeed(Feed):
    def get_object(self, request, section: str):
        key = SECTION_BY_PATH.get(section)
        if key is None:
            raise Http404
        self.request = request
        return request.tenant, key

    def title(self, obj) -> str:
        tenant, key = obj
        return f"{Section(key).label} — {tenant.name}"

    def link(self, obj) -> str:
        return reverse("disclosure:list", kwargs={"section": SECTION_PATHS[obj[1]]})

    def description(self, obj) -> str:
        return str(Section(obj[1]).label)

    def items(self, obj):
        tenant, key = obj
        return (
            selectors.public_records(tenant, key)
            .select_related("tenant")
            .order_by("-published_at", "-id")[:30]
        )

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return f"{item.tenant.name}. {item.summary}"

    def item_pubdate(self, item):
        return item.published_at
