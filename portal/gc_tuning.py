"""Python's garbage collector in a serving process (gunicorn's workers, portal/wsgi.py).

A request allocates tens of thousands of short-lived objects (ORM rows, template nodes'
contexts). With CPython's default thresholds (700, 10, 10) the young generation is
collected every 700 net allocations, so objects a request still holds get promoted and
the older generations fill with garbage that only a full collection frees: a full
collection walks every object the process has loaded (Django, the URL resolvers, the
compiled templates, ~180,000 objects) and costs 50–150 ms in the middle of whichever
request triggers it. Measured on a site's measurement (59 pages, docs/performance.md):
about a sixth of the CPU was the collector's.

`tune()` moves what exists at start-up to the permanent generation (`gc.freeze`: never
walked again; it is not garbage) and collects less often. Reference counting still frees
everything without a cycle at once; cycles wait until the next collection, so memory
can grow by at most about one threshold's worth of objects between collections.
"""

from __future__ import annotations

import gc


def tune(thresholds: tuple[int, ...]) -> None:
    """Freeze the start-up heap and set the collector's thresholds (empty: leave both).
    The URL patterns are loaded first, which imports every view module: they belong to
    the start-up heap, not to the first request's."""
    if not thresholds:
        return
    from django.urls import get_resolver

    patterns = get_resolver().url_patterns
    del patterns
    gc.collect()
    gc.freeze()
    gc.set_threshold(*thresholds)
