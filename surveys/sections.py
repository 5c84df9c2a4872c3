"""The "Is this information useful?" block at the end of every public page.

It costs no query: the form needs only the page's path.
"""

from __future__ import annotations

from portal.hooks import Section


def page_end_sections(request) -> list[Section]:
    if getattr(request, "tenant", None) is None:
        return []
    return [Section("surveys/page_rating.html", {"path": request.path[:500]}, order=90)]
