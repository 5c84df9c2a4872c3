"""Cache keys for the HTML of the public list: the filter form and the table of a page.

The list is the busiest documents page and most of its cost is rendering (8 form fields,
20 rows). The form without filters depends only on the language and the two shared
lists (types, fields); a page's table only on its rows, the day (legal status changes
with the date) and those lists. Keys are built from that, so no edit needs to find and
delete entries: a saved row has a new `updated_at`, a renamed type bumps the version.
"""

from __future__ import annotations

import hashlib

from django.utils import timezone
from django.utils.translation import get_language

from portal import versions

_VERSION_KEY = "documents:taxonomy:version"


def taxonomy_version() -> int:
    return versions.current(_VERSION_KEY)


def bump_taxonomy(**_signal_kwargs) -> None:
    """Receiver for saves and deletes of DocumentType and DocumentField."""
    versions.bump(_VERSION_KEY)


def filter_form_key(subtree: bool) -> str:
    return f"{get_language() or 'vi'}:{int(subtree)}:t{taxonomy_version()}"


def table_key(page, subtree: bool, query_string: str) -> str:
    """The rows shown (id and last change), the cursors and count, the filters in the
    links, the day and the language."""
    rows = ",".join(f"{d.pk}.{d.updated_at.timestamp():.6f}" for d in page.items)
    raw = "|".join(
        [
            rows,
            page.next_cursor,
            page.previous_cursor,
            f"{page.total}{'+' if page.total_is_lower_bound else ''}",
            query_string,
            timezone.localdate().isoformat(),
        ]
    )
    digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    return f"{get_language() or 'vi'}:{int(subtree)}:t{taxonomy_version()}:{digest}"
