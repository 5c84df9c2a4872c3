"""One old page → the parts of an item: title, date, summary, body, images, attachments.

The profile's CSS selectors win where given; otherwise the main text is found by
trafilatura (the largest coherent text block, menus and footers left out), the title
from og:title / <h1> / <title>, the date from the first Vietnamese date near the top.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree

from content.sanitize import plain_text, sanitize_html

from .dates import parse_vn_date

DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods")
_DATE_HINT = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|ngày\s+\d{1,2}\s+tháng", re.I)


@dataclass
class Selectors:
    title: str = ""
    date: str = ""
    summary: str = ""
    body: str = ""
    image: str = ""
    attachment: str = ""


@dataclass
class Extracted:
    url: str
    title: str = ""
    published_at: object = None  # aware datetime or None
    summary: str = ""
    body: str = ""  # sanitised HTML, absolute URLs
    images: list[tuple[str, str]] = field(default_factory=list)  # (url, alt)
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (url, title)
    problems: list[str] = field(default_factory=list)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join((text or "").split()))


def _first(tree, selector: str):
    if not selector:
        return None
    found = tree.cssselect(selector)
    return found[0] if found else None


def _text(node) -> str:
    return _nfc(node.text_content()) if node is not None else ""


def _meta(tree, *names: str) -> str:
    for name in names:
        for node in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
            value = node.get("content")
            if value:
                return _nfc(value)
    return ""


def _absolutise(node, base: str) -> None:
    for element, attribute, link, _pos in list(node.iterlinks()):
        if attribute in ("href", "src"):
            element.set(attribute, urljoin(base, link.strip()))


def _find_title(tree, selectors: Selectors) -> str:
    node = _first(tree, selectors.title)
    if node is not None:
        return _text(node)
    for candidate in (_meta(tree, "og:title"), _text(_first(tree, "h1"))):
        if candidate:
            return candidate
    title = _text(_first(tree, "title"))
    return re.split(r"\s+[-|–]\s+", title)[0] if title else ""


def _find_date(tree, selectors: Selectors, body_text: str):
    node = _first(tree, selectors.date)
    if node is not None:
        return parse_vn_date(_text(node))
    meta = _meta(tree, "article:published_time", "pubdate", "date", "dc.date")
    if meta:
        value = parse_vn_date(meta)
        if value:
            return value
    # Near the top: the small elements around the title usually carry the date.
    for element in tree.iter("span", "div", "p", "time", "em", "i", "small", "td"):
        text = _text(element)
        if len(text) < 80 and _DATE_HINT.search(text):
            value = parse_vn_date(text)
            if value:
                return value
    return parse_vn_date(body_text[:300])


def _auto_body(raw_html: str, url: str, title: str) -> str:
    extracted = trafilatura.extract(
        raw_html,
        url=url,
        output_format="html",
        include_tables=True,
        include_images=True,
        include_links=True,
        include_formatting=True,
        favor_recall=True,
    )
    if not extracted:
        return ""
    node = lxml.html.fromstring(extracted)
    body = node.find("body") if node.tag == "html" else node
    body = body if body is not None else node
    # trafilatura keeps the headline and the loose date line: the item has both already.
    for heading in body.xpath(".//h1"):
        if _text(heading) == title or not title:
            heading.drop_tree()
    if body.text and _DATE_HINT.search(body.text) and len(body.text.strip()) < 80:
        body.text = ""
    return "".join(
        [body.text or ""] + [lxml.html.tostring(child, encoding="unicode") for child in body]
    )


def extract_page(raw_html: str, url: str, selectors: Selectors) -> Extracted:
    """Everything an item needs from one page. Problems (no date, empty body) are listed,
    not raised: the caller decides whether the item can still be written."""
    tree = lxml.html.fromstring(raw_html)
    for junk in tree.xpath("//script|//style|//noscript"):
        junk.drop_tree()
    result = Extracted(url=url)
    result.title = _find_title(tree, selectors)
    body_node = _first(tree, selectors.body)
    if body_node is not None:
        _absolutise(body_node, url)
        body_html = lxml.html.tostring(body_node, encoding="unicode")
    else:
        body_html = _auto_body(raw_html, url, result.title)
        if body_html:
            fragment = lxml.html.fragment_fromstring(body_html, create_parent="div")
            _absolutise(fragment, url)
            body_html = "".join(
                [fragment.text or ""]
                + [lxml.html.tostring(child, encoding="unicode") for child in fragment]
            )
    result.body = unicodedata.normalize("NFC", sanitize_html(body_html))
    body_text = plain_text(result.body)
    result.published_at = _find_date(tree, selectors, body_text)
    summary_node = _first(tree, selectors.summary)
    result.summary = _text(summary_node) if summary_node is not None else ""
    if not result.summary:
        result.summary = _meta(tree, "og:description", "description")
    result.images = _images(tree, result.body, url, selectors)
    result.attachments = _attachments(tree, url, selectors)
    if not result.title:
        result.problems.append("Không tìm thấy tiêu đề.")
    if not body_text:
        result.problems.append("Nội dung trống.")
    if result.published_at is None:
        result.problems.append("Không tìm thấy ngày đăng.")
    return result


def _images(tree, body: str, url: str, selectors: Selectors) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if selectors.image:
        nodes = tree.cssselect(selectors.image)
    else:
        nodes = lxml.html.fragment_fromstring(body or "<p></p>", create_parent="div").iter("img")
    for node in nodes:
        src = node.get("src")
        if src and not src.startswith("data:"):
            found.append((urljoin(url, src.strip()), _nfc(node.get("alt") or "")))
    return list(dict.fromkeys(found))


def _attachments(tree, url: str, selectors: Selectors) -> list[tuple[str, str]]:
    nodes = tree.cssselect(selectors.attachment) if selectors.attachment else tree.iter("a")
    found: list[tuple[str, str]] = []
    for node in nodes:
        href = node.get("href")
        if not href:
            continue
        absolute = urljoin(url, href.strip())
        if urlsplit(absolute).path.lower().endswith(DOCUMENT_EXTENSIONS):
            found.append((absolute, _text(node) or absolute.rsplit("/", 1)[-1]))
    return list(dict.fromkeys(found))


def links_in(raw_html: str, url: str, selector: str = "") -> list[str]:
    """Absolute hrefs of the page (or of the elements `selector` picks), in page order."""
    tree = lxml.html.fromstring(raw_html)
    nodes = tree.cssselect(selector) if selector else tree.iter("a")
    hrefs = []
    for node in nodes:
        anchor = node if node.tag == "a" else next(node.iter("a"), None)
        href = anchor.get("href") if anchor is not None else None
        if href and not href.startswith(("#", "javascript:", "mailto:")):
            hrefs.append(urljoin(url, href.strip()).split("#")[0])
    return list(dict.fromkeys(hrefs))


def feed_links(raw: bytes) -> list[str] | None:
    """Item links of an RSS/Atom feed or a sitemap; None when `raw` is neither."""
    try:
        root = etree.fromstring(
            raw, parser=etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError:
        return None
    tag = etree.QName(root).localname.lower()
    if tag == "rss":
        return [t.strip() for t in root.xpath("//item/link/text()") if t.strip()]
    if tag == "feed":
        return [
            h for h in root.xpath("//*[local-name()='entry']/*[local-name()='link']/@href") if h
        ]
    if tag in ("urlset", "sitemapindex"):
        return [t.strip() for t in root.xpath("//*[local-name()='loc']/text()") if t.strip()]
    return None
