"""The interface text of an admin page, without its data: what a staff member reads as the
admin's own words (titles, headings, labels, column headers, buttons, help texts, filter
titles, fieldset headings, the actions), not the objects' titles, field values or the
names of sites and related objects offered in a list."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Elements whose whole text is interface text.
TEXT_TAGS = {"title", "h1", "h2", "label", "legend", "button", "caption", "summary"}
SUBMIT_TYPES = {"submit", "button", "reset"}
VIETNAMESE_LETTERS = set("đĐơƠưƯăĂ")
# Vietnamese that English keeps: a holiday's name, the signs of document numbers
# ("15/2024/QĐ-UBND").
KEPT_IN_ENGLISH = re.compile(r"\bTết\b|\bQĐ\b")


def has_vietnamese(text: str) -> bool:
    """A letter of Vietnamese (or any letter with a diacritic, U+00C0–U+1EF9)."""
    text = KEPT_IN_ENGLISH.sub("", text)
    return any(
        ch in VIETNAMESE_LETTERS or ("\u00c0" <= ch <= "\u1ef9" and ch.isalpha()) for ch in text
    )


def _classes(attrs: dict) -> set[str]:
    return set((attrs.get("class") or "").split())


class _Element:
    __slots__ = ("attrs", "collect", "data", "tag", "text")

    def __init__(self, tag: str, attrs: dict, *, collect: bool, data: bool):
        self.tag, self.attrs, self.collect, self.data = tag, attrs, collect, data
        self.text: list[str] = []


class InterfaceText(HTMLParser):
    """Feed a page; `strings` is its interface text, one string per element."""

    def __init__(
        self,
        language: str,
        data_filters: frozenset[str] = frozenset(),
        object_names: frozenset[str] = frozenset(),
    ):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.data_filters = data_filters  # titles of filters that list objects
        self.object_names = object_names  # the edited object's name, in titles
        self.stack: list[_Element] = []
        self.strings: list[str] = []
        self.headings: list[str] = []  # the h1s
        self.labels: list[str] = []  # the form fields' labels

    # Where the page shows data, not interface.
    def _is_data(self, tag: str, attrs: dict) -> bool:
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.data:
            return True
        classes = _classes(attrs)
        lang = attrs.get("lang")
        if lang and not lang.startswith(self.language):
            return True  # text deliberately in another language (the language switch)
        if tag == "tbody" and self._inside(id_="result_list"):
            return True  # the changelist's rows
        if tag == "div" and (
            {"breadcrumbs", "readonly"} & classes or attrs.get("id") == "site-name"
        ):
            return True  # object names, field values, the site's name
        if tag == "ul" and "messagelist" in classes:
            return True
        if tag == "ul" and parent is not None and parent.tag == "details":
            return parent.attrs.get("data-filter-title") in self.data_filters
        if tag in {"td", "textarea", "p"} and parent is not None and parent.tag == "td":
            return True
        if tag == "select" and (
            self._inside(class_="related-widget-wrapper")
            or {"admin-autocomplete", "selectfilter", "selectfilterstacked"} & classes
        ):
            return True  # foreign-key choices: other objects' names
        # The header's list of sites.
        return tag == "select" and self._inside(class_="working-tenant")

    def _inside(self, *, id_: str | None = None, class_: str | None = None) -> bool:
        for element in self.stack:
            if id_ is not None and element.attrs.get("id") == id_:
                return True
            if class_ is not None and class_ in _classes(element.attrs):
                return True
        return False

    def _collects(self, tag: str, attrs: dict) -> bool:
        classes = _classes(attrs)
        if tag in TEXT_TAGS or tag == "th":
            return True
        if tag == "h3" and self._inside(id_="changelist-filter"):
            return True
        if "help" in classes or "helptext" in classes:
            return True
        if tag == "option" and self.stack and self.stack[-1].tag == "select":
            return True  # the actions and the choices of a field (data selects are skipped)
        if tag == "a" and (self._inside(class_="object-tools") or "button" in classes):
            return True
        if tag == "a" and self.stack and self.stack[-1].tag == "li":
            return self._inside(id_="changelist-filter")  # a filter's choices
        return False

    def handle_starttag(self, tag: str, attrs_list) -> None:
        attrs = {name: value or "" for name, value in attrs_list}
        data = self._is_data(tag, attrs)
        if not data:
            if tag == "input" and attrs.get("type") in SUBMIT_TYPES and attrs.get("value"):
                self._add(attrs["value"])
            for name in ("aria-label", "placeholder"):
                if attrs.get(name):
                    self._add(attrs[name])
        if tag in VOID:
            return
        collect = not data and self._collects(tag, attrs)
        self.stack.append(_Element(tag, attrs, collect=collect, data=data))

    def handle_startendtag(self, tag: str, attrs_list) -> None:
        self.handle_starttag(tag, attrs_list)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        # Close up to the matching element (HTML lets some end tags be left out).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                break
        else:
            return
        while len(self.stack) > index:
            element = self.stack.pop()
            if element.collect:
                text = " ".join(" ".join(element.text).split())
                self._add(text)
                if element.tag == "h1":
                    self.headings.append(text)
                if element.tag == "label" and self._inside(class_="form-row"):
                    self.labels.append(text)

    def handle_data(self, data: str) -> None:
        if not data.strip():
            return
        for element in self.stack:
            if element.data:
                return
        for element in reversed(self.stack):
            if element.collect:
                element.text.append(data)
                return

    def _add(self, text: str) -> None:
        text = " ".join(text.split())
        for name in self.object_names:
            text = text.replace(name, "").strip()
        if text:
            self.strings.append(text)


def interface_text(
    html: str,
    language: str,
    data_filters: frozenset[str] = frozenset(),
    object_names: frozenset[str] = frozenset(),
) -> InterfaceText:
    parser = InterfaceText(language, data_filters, object_names)
    parser.feed(html)
    parser.close()
    return parser


ENGLISH_WORDS = re.compile(
    r"\b(Add|Save|Change|Delete|Name|Title|Status|Description|Created|Updated|Date|"
    r"Type|Active|Search|Published|Select)\b",
    re.IGNORECASE,
)
