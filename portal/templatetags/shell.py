"""The cached menu's HTML with the current page marked (base.html).

The menu is cached once per site, language and menu version, not per page: its top-level
links carry a marker with their own address, and this filter turns the marker of the
link to the page being read into `aria-current="page"` and drops the others.
"""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

MARKER = re.compile(r"\x1f([^\x1f]*)\x1f")


@register.simple_tag
def current_page_marker(url: str) -> SafeString:
    return mark_safe(f"\x1f{escape(url)}\x1f")  # noqa: S308 - the address is escaped


@register.filter
def mark_current_page(html: str, path: str) -> SafeString:
    current = escape(path)
    marked = MARKER.sub(
        lambda match: ' aria-current="page"' if match.group(1) == current else "", html
    )
    return mark_safe(marked)  # noqa: S308 - the cached menu, already escaped
