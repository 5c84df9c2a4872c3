"""WordPress WXR exports (Tools → Export): posts and pages with their text, dates and
categories, read from the file instead of from each page. Images and attachments named
in the text are still fetched from the old site."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from urllib.parse import urljoin

import lxml.html
from django.utils import timezone
from lxml import etree

from content.sanitize import plain_text, sanitize_html

from .dates import parse_vn_date
from .extract import Extracted, Selectors, _attachments, _images

WP = "http://wordpress.org/export/"


def _wp_ns(root) -> str | None:
    for prefix, uri in (root.nsmap or {}).items():
        if prefix == "wp" and uri.startswith(WP):
            return uri
    return None


def _text(item, path: str, ns: dict) -> str:
    found = item.find(path, ns)
    return (found.text or "").strip() if found is not None else ""


def wxr_items(raw: bytes) -> list[tuple[Extracted, list[str]]] | None:
    """(the item's parts, its category nicenames) for each published post or page;
    None when `raw` is not a WXR export."""
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(raw, parser=parser)
    except etree.XMLSyntaxError:
        return None
    wp = _wp_ns(root) if etree.QName(root).localname == "rss" else None
    if wp is None:
        return None
    ns = {"wp": wp, "content": "http://purl.org/rss/1.0/modules/content/"}
    items = []
    for item in root.iter("item"):
        if _text(item, "wp:post_type", ns) not in ("post", "page"):
            continue
        if _text(item, "wp:status", ns) != "publish":
            continue
        link = _text(item, "link", ns)
        raw_body = _text(item, "content:encoded", ns)
        body = unicodedata.normalize("NFC", sanitize_html(_paragraphs(raw_body)))
        fragment = lxml.html.fragment_fromstring(body or "<p></p>", create_parent="div")
        for element, attribute, value, _pos in list(fragment.iterlinks()):
            if attribute in ("href", "src"):
                element.set(attribute, urljoin(link, value.strip()))
        body = "".join(
            [fragment.text or ""] + [lxml.html.tostring(c, encoding="unicode") for c in fragment]
        )
        extracted = Extracted(url=link, body=body)
        extracted.title = unicodedata.normalize("NFC", _text(item, "title", ns))
        posted = _text(item, "wp:post_date", ns)
        try:
            extracted.published_at = timezone.make_aware(
                datetime.strptime(posted, "%Y-%m-%d %H:%M:%S")
            )
        except ValueError:
            extracted.published_at = parse_vn_date(posted)
        excerpt = next(
            (
                e.text
                for e in item
                if etree.QName(e).localname == "encoded"
                and "excerpt" in (etree.QName(e).namespace or "")
                and e.text
            ),
            "",
        )
        extracted.summary = plain_text(excerpt)
        tree = lxml.html.fromstring(f"<div>{body}</div>")
        extracted.images = _images(tree, body, link, Selectors())
        extracted.attachments = _attachments(tree, link, Selectors())
        if not plain_text(body):
            extracted.problems.append("Nội dung trống.")
        categories = [
            c.get("nicename", "") for c in item.findall("category") if c.get("domain") == "category"
        ]
        items.append((extracted, categories))
    return items


def _paragraphs(text: str) -> str:
    """WordPress stores paragraphs as blank lines (wpautop adds the <p> when showing)."""
    if "<p" in text:
        return text
    return "".join(f"<p>{block.strip()}</p>" for block in text.split("\n\n") if block.strip())
