"""Rich text allow-list: what the editor may produce survives, scripts and handlers do not.

`sanitize_html` is the general allow-list (the importer runs old pages through it before
their images are fetched). `sanitize_body` is what an article body is stored as: the same
allow-list, and pictures only from this installation's media (the site's image library;
content/rich_text.py checks on save that they are the article's own site's images)."""

from __future__ import annotations

import html as htmllib
import re

import nh3
from django.conf import settings

TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "h2", "h3", "h4",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption", "table",
    "thead", "tbody", "tr", "th", "td", "caption", "hr", "span",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Dropped with everything inside: Word's <xml> settings blocks and its <o:p> paragraph
# markers (the rest of Word's markup, class="Mso…" and mso-* styles, are attributes the
# allow-list never had).
CONTENT_DROPPED = {"script", "style", "xml", "o:p"}
_BLOCK_TAGS = re.compile(r"</?(?:p|br|li|h[1-6]|div|tr|td|th|blockquote|figcaption)\b[^>]*>", re.I)
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>", re.I)


def is_media_url(url: str) -> bool:
    """A path under MEDIA_URL on this host: no scheme, no other host, no climbing out."""
    media = settings.MEDIA_URL
    return (
        bool(url)
        and url.startswith(media)
        and not url.startswith("//")
        and ".." not in url
        and "\\" not in url
    )


def _media_only(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        return value if is_media_url(value) else None
    return value


def sanitize_html(html: str) -> str:
    """Keep the allow-listed markup only; links get rel=noopener, other URLs are refused."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=CONTENT_DROPPED,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def sanitize_body(html: str) -> str:
    """An article body as stored: the allow-list, and <img> only from our own media."""
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=CONTENT_DROPPED,
        attributes=ATTRIBUTES,
        attribute_filter=_media_only,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _IMG_WITHOUT_SRC.sub("", cleaned)


def plain_text(html: str) -> str:
    """Text without markup, for summaries, feeds and the search index."""
    spaced = _BLOCK_TAGS.sub(" ", html or "")
    return " ".join(htmllib.unescape(nh3.clean(spaced, tags=set())).split())
