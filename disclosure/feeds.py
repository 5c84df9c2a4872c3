"""Feeds per section — RSS 2.0 (summaries), Atom 1.0 and JSON Feed 1.1 (the whole record: its
facts, data table and files) — of the latest published records of the site and its subtree."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse

from portal.feeds import FullContentAtom1Feed, JsonFeed

from . import selectors
from .models import SECTION_BY_PATH, SECTION_PATHS, Attachment, Section, TableRow


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


class FullSectionFeed(SectionFeed):
    def items(self, obj):
        return (
            super()
            .items(obj)
            .prefetch_related(
                Prefetch("rows", queryset=TableRow.objects.order_by("position")),
                Prefetch("attachments", queryset=Attachment.objects.order_by("position", "id")),
            )
        )

    def item_extra_kwargs(self, item) -> dict:
        html = render_to_string("disclosure/feed_item.html", {"record": item}, self.request)
        return {"content": html.strip()}


class SectionAtomFeed(FullSectionFeed):
    feed_type = FullContentAtom1Feed


class SectionJsonFeed(FullSectionFeed):
    feed_type = JsonFeed
