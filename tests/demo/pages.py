"""Finding the demo's pages: internal links of a page, and the type of a path."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

DEMO_HOSTS = ["localhost", "xahoabinh.localhost"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def internal_links(host: str, path: str, html: str) -> set[str]:
    parser = _Links()
    parser.feed(html)
    links = set()
    for href in parser.hrefs:
        url = urlsplit(urljoin(f"http://{host}{path}", href))
        if url.scheme in ("http", "https") and url.netloc == host:
            links.add(url.path + (f"?{url.query}" if url.query else ""))
    return links


def page_type(path: str) -> str | None:
    """'en:tin-tuc/*' for /en/tin-tuc/<slug>/: the language, the first path segment and
    the depth. Queries (pagination, filters) and non-pages have no type of their own."""
    if "?" in path or re.search(r"/(rss|admin|media|static)/|\.\w+$", path):
        return None
    language = "en" if path.startswith("/en/") else "vi"
    segments = [s for s in path.removeprefix("/en").split("/") if s]
    if not segments:
        return f"{language}:home"
    return f"{language}:{segments[0]}" + "/*" * (len(segments) - 1)
