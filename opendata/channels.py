"""The machine-readable channels of each item of the list of information to disclose
(`/danh-muc-thong-tin-cong-khai/`): read API endpoints, feeds and open-data downloads.

Only what exists is listed: an API endpoint must be in the API's own index and resolve, a
feed's URL name must reverse, a dataset must be in the catalogue. Nothing here queries the
database, so the list page keeps its budget."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from .catalogue import CATALOGUE


@dataclass(frozen=True)
class Channel:
    label: str  # what a machine reads there: "API /api/v1/…", "RSS", "Atom", "JSON Feed"…
    url: str


def _sections(*paths: str) -> list[dict]:
    return [{"section": path} for path in paths]


# Requirement code → (API endpoint name in the API index, its query), the arguments of its
# feeds' URL names, open-data dataset names.
SOURCES: dict[str, dict] = {
    "A5": {"api": [("sites", "")], "datasets": ["don-vi"]},
    "B1": {"api": [("documents", "")], "datasets": ["van-ban"]},
    "B2": {"api": [("consultations", "")]},
    "B4": {"api": [("procedures", "")], "datasets": ["thu-tuc-hanh-chinh"]},
    "B6": {"api": [("records", "?section=planning")], "feeds": _sections("quy-hoach-ke-hoach")},
    "B7": {"api": [("records", "?section=investment")], "feeds": _sections("du-an-dau-tu")},
    "B8": {
        "api": [("records", "?section=budget")],
        "feeds": _sections("ngan-sach"),
        "datasets": ["ngan-sach"],
    },
    "B9": {
        "api": [("statistics", "")],
        "feeds": _sections("so-lieu-thong-ke"),
        "datasets": ["so-lieu-thong-ke"],
    },
    "B10": {"api": [("records", "?section=science")], "feeds": _sections("de-tai-khoa-hoc")},
    "B11": {"api": [("records", "?section=land")], "feeds": _sections("dat-dai-boi-thuong")},
    "B12": {
        "api": [("records", "?section=recruitment"), ("records", "?section=anticorruption")],
        "feeds": _sections("tuyen-dung", "phong-chong-tham-nhung"),
    },
    "B13": {"api": [("sites", "")]},
    "B15": {"api": [("articles", ""), ("categories", "")], "feeds": [{}]},
    "D": {"api": [("questions", ""), ("dialogue_sessions", ""), ("hotlines", "")]},
    "F": {"api": [("downtime_notices", "")]},
}
FEED_FORMATS = (("RSS", "feed"), ("Atom", "atom"), ("JSON Feed", "json_feed"))
FEEDS = {  # the feeds of a disclosure section (kwargs), or of the site's news (none)
    True: [(label, f"disclosure:{name}") for label, name in FEED_FORMATS],
    False: [("RSS", "content:rss"), ("Atom", "content:atom"), ("JSON Feed", "content:json_feed")],
}


def _api_endpoints() -> dict[str, str]:
    """The API's own index (api/v1.py), each path checked against the URL resolver."""
    from api.v1 import ENDPOINTS

    found = {}
    for name, path, _text in ENDPOINTS:
        try:
            resolve(path)
        except Resolver404:
            continue
        found[name] = path
    return found


def _reversed(name: str, kwargs: dict) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def by_requirement(tenant) -> dict[str, list[Channel]]:
    endpoints = _api_endpoints()
    datasets = {name for name, _code in CATALOGUE}
    channels: dict[str, list[Channel]] = {}
    for code, sources in SOURCES.items():
        found: list[Channel] = []
        for name, query in sources.get("api", []):
            if name in endpoints:
                found.append(Channel(f"API {endpoints[name]}{query}", endpoints[name] + query))
        for kwargs in sources.get("feeds", []):
            for label, url_name in FEEDS[bool(kwargs)]:
                url = _reversed(url_name, kwargs)
                if url:
                    found.append(Channel(label, url))
        for name in sources.get("datasets", []):
            if name in datasets:
                url = _reversed("opendata:catalogue", {})
                if url:
                    found.append(Channel(str(_("Dữ liệu mở")), f"{url}#{name}"))
        channels[code] = found
    return channels
