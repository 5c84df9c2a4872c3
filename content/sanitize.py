"""Rich text allow-list: what the editor may produce survives, scripts and handlers do not."""

from __future__ import annotations

import html as htmllib
import re

import nh3

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
_BLOCK_TAGS = re.compile(r"</?(?:p|br|li|h[1-6]|div|tr|td|th|blockquote|figcaption)\b[^>]*>", re.I)


def sanitize_html(html: str) -> str:
    """Keep the allow-listed markup only; links get rel=noopener, other URLs are refused."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_text(html: str) -> str:
    """Text without markup, for summaries, feeds and the search index."""
    spaced = _BLOCK_TAGS.sub(" ", html or "")
    return " ".join(htmllib.unescape(nh3.clean(spaced, tags=set())).split())
