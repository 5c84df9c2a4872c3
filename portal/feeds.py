"""Feed formats every app's feeds share: Atom 1.0 with the full content of each entry, and
JSON Feed 1.1 (https://jsonfeed.org/version/1.1). An app's feed class stays one
`django.contrib.syndication` Feed; a subclass picks the format with `feed_type` and passes
the full HTML of an item as ``content`` through `item_extra_kwargs`."""

from __future__ import annotations

import json

from django.utils.feedgenerator import Atom1Feed, SyndicationFeed, rfc3339_date

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class FullContentAtom1Feed(Atom1Feed):
    """Atom whose entries carry ``<content type="html">`` besides the summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class JsonFeed(SyndicationFeed):
    content_type = "application/feed+json; charset=utf-8"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.as_dict(), ensure_ascii=False, indent=1))

    def as_dict(self) -> dict:
        feed = self.feed
        document: dict = {
            "version": JSON_FEED_VERSION,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed.get("feed_url") or feed["link"],
            "description": feed.get("description") or "",
            "items": [self._item(item) for item in self.items],
        }
        if feed.get("language"):
            document["language"] = feed["language"]
        if feed.get("author_name"):
            document["authors"] = [{"name": feed["author_name"]}]
        return document

    def _item(self, item: dict) -> dict:
        entry: dict = {
            "id": item.get("unique_id") or item["link"],
            "url": item["link"],
            "title": item["title"],
            "content_html": item.get("content") or item.get("description") or "",
        }
        if item.get("description"):
            entry["summary"] = item["description"]
        if item.get("pubdate"):
            entry["date_published"] = rfc3339_date(item["pubdate"])
        if item.get("updateddate"):
            entry["date_modified"] = rfc3339_date(item["updateddate"])
        if item.get("categories"):
            entry["tags"] = [str(c) for c in item["categories"]]
        if item.get("image"):
            entry["image"] = item["image"]
        if item.get("enclosures"):
            entry["attachments"] = [
                {"url": e.url, "mime_type": e.mime_type} for e in item["enclosures"]
            ]
        return entry
