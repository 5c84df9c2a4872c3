"""Profiles shipped as examples for the common shapes of old government sites.

`load_example(name, tenant, base_url)` creates (or refreshes) a SourceProfile from one of
them; an operator then adjusts the URLs and category codes in the admin.
"""

from __future__ import annotations

from django.db import transaction

from .models import SourceProfile

EXAMPLES: dict[str, dict] = {
    # A provincial/department portal of the ASP.NET / Liferay generation: listing pages
    # with "Trang sau" links, the article in a content box, the date in a small line.
    "cong-tinh": {
        "name": "Cổng thông tin điện tử kiểu cũ (ASP.NET / Liferay)",
        "sources": [
            {"url": "/tin-tuc/", "category": "tin-tuc", "kind": "article"},
            {"url": "/thong-bao/", "category": "thong-bao", "kind": "article"},
        ],
        "item_link_selector": ".news-list a.title",
        "next_page_selector": ".pager a.next",
        "title_selector": ".news-detail h1",
        "date_selector": ".news-detail .date",
        "summary_selector": ".news-detail .sapo",
        "body_selector": ".news-detail .content",
        "attachment_selector": ".news-detail .files a",
    },
    # A WordPress-like site: items from its RSS feed, text found automatically.
    "wordpress": {
        "name": "Trang WordPress (RSS)",
        "sources": [{"url": "/feed/", "category": "tin-tuc", "kind": "article"}],
    },
    # Any site with a sitemap.xml and no useful markup: everything automatic.
    "sitemap": {
        "name": "Trang có sitemap.xml",
        "sources": [{"url": "/sitemap.xml", "category": "tin-tuc", "kind": "article"}],
    },
}
PROFILE_FIELDS = (
    "item_link_selector",
    "next_page_selector",
    "title_selector",
    "date_selector",
    "summary_selector",
    "body_selector",
    "image_selector",
    "attachment_selector",
)


@transaction.atomic
def load_example(name: str, tenant, base_url: str, *, slug: str = "") -> SourceProfile:
    example = EXAMPLES[name]
    defaults = {
        "name": example["name"],
        "base_url": base_url,
        "sources": example["sources"],
        **{f: example.get(f, "") for f in PROFILE_FIELDS},
    }
    profile, _created = SourceProfile.objects.update_or_create(
        tenant=tenant, slug=slug or name, defaults=defaults
    )
    return profile
