"""Rebuild the whole index in bulk (manage.py rebuild_search_index, demo seeding)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import islice

from django.db import transaction

from . import results_cache
from .indexing import entries_of, store_rows
from .models import SearchEntry
from .registry import SearchSource
from .sources import all_sources, model_label

Progress = Callable[[str, int, int], None]


def rebuild(
    sources: Sequence[SearchSource] | None = None,
    *,
    batch_size: int = 1000,
    progress: Progress | None = None,
) -> int:
    """Replace every source's rows; each source swaps in one transaction, so searches
    keep seeing the old rows until its new ones are complete."""
    sources = list(all_sources() if sources is None else sources)
    stored = 0
    for source in sources:
        label = model_label(source.model)
        queryset = source.indexable()
        total = queryset.count()
        done = 0
        with transaction.atomic():
            SearchEntry.objects.filter(model_label=label, kind=source.kind).delete()
            iterator = queryset.iterator(chunk_size=batch_size)
            while chunk := list(islice(iterator, batch_size)):
                stored += store_rows(entries_of(source, chunk))
                done += len(chunk)
                if progress:
                    progress(source.kind, done, total)
        results_cache.index_changed()
        if progress and total == 0:
            progress(source.kind, 0, 0)
    if sources and len(sources) == len(all_sources()):
        # Rows of sources no longer installed.
        labels = {model_label(s.model) for s in sources}
        SearchEntry.objects.exclude(model_label__in=labels).delete()
    results_cache.index_changed()
    return stored
