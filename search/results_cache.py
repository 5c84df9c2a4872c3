"""A search asked again gets its results from the cache, until the index changes.

People search for the same few things (the week's plan, a procedure's name): the second
asker of a query over the whole province is served without the full-text scan. The key
holds the index version, which every write to the index bumps (`index_changed`, called
by search/indexing.py, rebuild.py and lifecycle.py), and the tree version (unit names and
hostnames in the hits). The page cache keeps out search pages (unbounded keys); this cache
keeps only the results, in Redis and in each process (portal/local_cache.py).
"""

from __future__ import annotations

import hashlib

from django.db import transaction

from portal import replicas, versions
from portal.local_cache import versioned_cache
from tenants.resolution import tree_version

from . import engine
from .query import ParsedQuery

INDEX_VERSION_KEY = "search:index-version"
# Bounds what a change of ranking rules (a deploy, a migration) leaves in the cache.
SECONDS = 300


def index_version() -> int:
    return versions.current(INDEX_VERSION_KEY)


def index_changed() -> None:
    """Bump now (this request sees the change), after commit (no result cached in
    between survives) and once replicas have the rows (anonymous reads go there)."""
    versions.bump(INDEX_VERSION_KEY)
    transaction.on_commit(lambda: versions.bump(INDEX_VERSION_KEY))
    transaction.on_commit(lambda: replicas.delayed_bump(versions.bump, INDEX_VERSION_KEY))


def search(
    parsed: ParsedQuery,
    scope: engine.Scope,
    language: str,
    filters: engine.Filters,
    page: int = 1,
) -> tuple[engine.ResultPage, str]:
    """`engine.search`, kept per query, scope, language, filters and page; with the key,
    which the page's HTML list of hits is cached under too."""
    if parsed.is_empty:
        return engine.search(parsed, scope, language, filters, page), ""
    words = (parsed.shown, parsed.words, parsed.refs, parsed.exact, parsed.phrase, parsed.positive)
    asked = repr((words, scope, language, filters, page)).encode()
    digest = hashlib.blake2b(asked, digest_size=16).hexdigest()
    key = f"search:results:v{index_version()}:t{tree_version()}:{digest}"
    results = versioned_cache.get(key)
    if results is None:
        results = engine.search(parsed, scope, language, filters, page)
        versioned_cache.set(key, results, SECONDS)
    return results, key
