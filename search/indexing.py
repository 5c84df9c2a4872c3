"""Entry points other apps call to keep the search index current (see registry.py),
and the write side of the index: one function replaces the rows of one object."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from operations import outbox

from . import results_cache
from .models import SearchEntry
from .registry import IndexEntry, SearchSource
from .sources import model_label, sources_for_model
from .spelling import same_spelling
from .text import MAX_TEXT, MAX_TITLE, clean, reference_tokens

logger = logging.getLogger(__name__)

# One statement per batch: rows arrive as JSON, vectors are built in the database at
# write time (unaccent is not IMMUTABLE, so no expression index) and title words go to
# the "did you mean" vocabulary. `vector` finds: folded words (A title, C text), the
# words as written (B title, D text: "bàn" finds only "bàn", so exact spellings can be
# taken first through the GIN index wherever they are), document numbers, and
# "yr2025" / "ym202511" / "tn42" (its site) to look at recent months or one site's
# rows inside the index (GIN intersects a rare token cheaply). `rank_vector` is the
# title alone (folded + as written + numbers), small and inline, for title ranking.
# `vtitle`/`vtext` are the title and text with i/y spellings made one (spelling.py);
# `shared`: the object has rows on several sites (shown once, see engine.py).
VECTOR_SQL = """
    setweight(to_tsvector('search_vn', vtitle), 'A')
        || setweight(to_tsvector('search_vn', vtext), 'C')
        || setweight(to_tsvector('simple', vtitle), 'B')
        || setweight(to_tsvector('simple', vtext), 'D')
        || setweight(to_tsvector('simple', tokens), 'A')
        || to_tsvector('simple', 'tn' || tenant_id || coalesce(
            ' yr' || year || ' ym' || to_char(published_at AT TIME ZONE %s, 'YYYYMM'), ''))
"""
RANK_VECTOR_SQL = """
    setweight(to_tsvector('search_vn', vtitle), 'A')
        || setweight(to_tsvector('simple', vtitle), 'B')
        || setweight(to_tsvector('simple', tokens), 'A')
"""
INSERT_SQL = f"""
    WITH rows AS (
        SELECT r.*, t.tree_id,
            count(*) OVER (PARTITION BY r.model_label, r.object_id, r.language) > 1 AS shared
        FROM jsonb_to_recordset(%s::jsonb) AS r(
            tenant_id int, model_label text, object_id text, kind text, language text,
            title text, text text, url text, reference text, tokens text,
            published_at timestamptz, year int, vtitle text, vtext text)
        JOIN tenants_tenant t ON t.id = r.tenant_id
    ),
    inserted AS (
        INSERT INTO search_searchentry (
            tenant_id, tree_id, model_label, object_id, kind, language, title, text, url,
            reference, tokens, published_at, year, indexed_at, shared, vector, rank_vector)
        SELECT tenant_id, tree_id, model_label, object_id, kind, language, title, text, url,
            reference, tokens, published_at, year, now(), shared,
            {VECTOR_SQL}, {RANK_VECTOR_SQL}
        FROM rows
        RETURNING id
    ),
    words AS (
        SELECT (unnest(to_tsvector('search_vn', title))).lexeme AS word FROM rows
    ),
    terms AS (
        INSERT INTO search_searchterm (word, uses)
        SELECT word, count(*) FROM words WHERE word ~ '^[a-z]{{2,30}}$' GROUP BY word
        ON CONFLICT (word) DO UPDATE SET uses = search_searchterm.uses + EXCLUDED.uses
    )
    SELECT count(*) FROM inserted
"""  # noqa: S608 - fixed SQL fragments only
# Recomputes the vectors of stored rows (after a change of how they are built).
REVECTOR_SQL = f"""
    UPDATE search_searchentry e SET vector = {VECTOR_SQL}, rank_vector = {RANK_VECTOR_SQL}
    FROM jsonb_to_recordset(%s::jsonb) AS r(id bigint, vtitle text, vtext text)
    WHERE e.id = r.id
"""  # noqa: S608 - fixed SQL fragments only


def request_reindex(obj: Model) -> None:
    """Re-index `obj` (or drop it from the index) after the current transaction commits.

    Returns at once; a Celery task recomputes the object's entries and replaces its rows.
    The key is taken now: after a delete Django clears `obj.pk`.
    """
    if obj.pk is None or not sources_for_model(type(obj)):
        return
    label, pk = model_label(type(obj)), str(obj.pk)

    def enqueue() -> None:
        from .tasks import reindex_object

        outbox.enqueue(reindex_object, label, pk)

    transaction.on_commit(enqueue)


BULK_BATCH = 500  # objects per task of request_reindex_many


def request_reindex_many(model: type[Model], pks: Iterable) -> None:
    """`request_reindex` for many objects of one model (a catalogue sync): one task per
    BULK_BATCH objects, each reading its objects and writing their rows in bulk."""
    keys = sorted({str(pk) for pk in pks})
    if not keys or not sources_for_model(model):
        return
    label = model_label(model)

    def enqueue() -> None:
        from .tasks import reindex_objects

        for start in range(0, len(keys), BULK_BATCH):
            outbox.enqueue(reindex_objects, label, keys[start : start + BULK_BATCH])

    transaction.on_commit(enqueue)


def reindex(label: str, pk: str) -> int:
    """Recompute and store the entries of one object; 0 rows when it is gone or hidden."""
    model = apps.get_model(label)
    entries: list[tuple[SearchSource, IndexEntry]] = []
    for source in sources_for_model(model):
        # Defence in depth: besides `entries()` saying [], the object must be in
        # `indexable()` (published, not trashed) to be findable.
        obj = source.indexable().filter(pk=pk).first()
        if obj is not None:
            entries.extend((source, entry) for entry in source.entries(obj))
    return replace_entries(label, pk, entries)


def reindex_many(label: str, pks: Sequence[str]) -> int:
    """`reindex` for a batch of objects of one model: one read per source, one swap."""
    model = apps.get_model(label)
    rows: list[SearchEntry] = []
    for source in sources_for_model(model):
        for obj in source.indexable().filter(pk__in=list(pks)):
            rows.extend(_row(label, str(obj.pk), source, entry) for entry in source.entries(obj))
    with transaction.atomic():
        SearchEntry.objects.filter(model_label=label, object_id__in=list(pks)).delete()
        stored = store_rows(rows)
    results_cache.index_changed()
    return stored


def replace_entries(
    label: str, pk: str, entries: Sequence[tuple[SearchSource | str, IndexEntry]]
) -> int:
    """Atomically swap the rows of object (label, pk) for `entries` (kind or source, entry)."""
    with transaction.atomic():
        SearchEntry.objects.filter(model_label=label, object_id=pk).delete()
        rows = [_row(label, pk, kind, entry) for kind, entry in entries]
        stored = store_rows(rows)
    results_cache.index_changed()
    return stored


def store_rows(rows: list[SearchEntry]) -> int:
    """Insert unsaved rows in bulk, vectors included (PostgreSQL; plain rows elsewhere)."""
    if not rows:
        return 0
    if connection.vendor != "postgresql":
        return len(SearchEntry.objects.bulk_create(rows, batch_size=1000))
    payload = [
        {
            "tenant_id": row.tenant_id,
            "model_label": row.model_label,
            "object_id": row.object_id,
            "kind": row.kind,
            "language": row.language,
            "title": row.title,
            "text": row.text,
            "url": row.url,
            "reference": row.reference,
            "tokens": row.tokens,
            "published_at": row.published_at.isoformat() if row.published_at else None,
            "year": row.year,
            "vtitle": same_spelling(row.title),
            "vtext": same_spelling(row.text),
        }
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.execute(INSERT_SQL, [json.dumps(payload), settings.TIME_ZONE])
        return cursor.fetchone()[0]


def revector(cursor, batch_size: int = 500) -> int:
    """Rebuild the vectors of every stored row from its title and text, in batches
    (raw SQL only: migrations call it)."""
    done, last = 0, 0
    while True:
        cursor.execute(
            "SELECT id, title, text FROM search_searchentry WHERE id > %s ORDER BY id LIMIT %s",
            [last, batch_size],
        )
        rows = cursor.fetchall()
        if not rows:
            return done
        payload = [
            {"id": pk, "vtitle": same_spelling(title), "vtext": same_spelling(text)}
            for pk, title, text in rows
        ]
        cursor.execute(REVECTOR_SQL, [json.dumps(payload), settings.TIME_ZONE])
        done += len(rows)
        last = rows[-1][0]


def _row(label: str, pk: str, kind: SearchSource | str, entry: IndexEntry) -> SearchEntry:
    title = clean(entry.title, MAX_TITLE)
    text = clean(entry.body, MAX_TEXT)
    reference = clean(entry.reference, 100)
    return SearchEntry(
        tenant_id=entry.tenant_id,
        model_label=label,
        object_id=pk,
        kind=kind if isinstance(kind, str) else kind.kind,
        language=entry.language,
        title=title,
        text=text,
        url=entry.url[:500],
        reference=reference,
        published_at=entry.published_at,
        year=timezone.localtime(entry.published_at).year if entry.published_at else None,
        tokens=" ".join(reference_tokens(reference, title, text)),
    )


def entries_of(source: SearchSource, objects: Iterable[Model]) -> list[SearchEntry]:
    """Rows for many objects of one source (bulk rebuild)."""
    label = model_label(source.model)
    rows: list[SearchEntry] = []
    for obj in objects:
        for entry in source.entries(obj):
            rows.append(_row(label, str(obj.pk), source, entry))
    return rows
