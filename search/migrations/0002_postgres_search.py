"""PostgreSQL parts of the index: extensions, the folding text-search configuration and
the GIN / trigram indexes. Skipped on SQLite (the embedded demo), where search falls
back to a plain title match."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # 'simple' (lowercase, no stemming: Vietnamese has none) with unaccent first, so
    # that "Đất" → "dat". Used to build the folded half of the vector, to parse
    # queries and by ts_headline to highlight words typed without diacritics.
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'search_vn') THEN
            CREATE TEXT SEARCH CONFIGURATION search_vn (COPY = pg_catalog.simple);
            ALTER TEXT SEARCH CONFIGURATION search_vn
                ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple;
        END IF;
    END $$""",
    "CREATE INDEX IF NOT EXISTS search_entry_vector ON search_searchentry USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS search_term_trgm ON search_searchterm "
    "USING gin (word gin_trgm_ops)",
    # Push the big columns (text, vector) out of line: a bitmap scan over tens of
    # thousands of matches then reads a narrow heap.
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 256)",
    # ...but keep what ranking and listing read inline.
    "ALTER TABLE search_searchentry ALTER COLUMN rank_vector SET STORAGE MAIN, "
    "ALTER COLUMN title SET STORAGE MAIN, ALTER COLUMN url SET STORAGE MAIN",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_term_trgm",
    "DROP INDEX IF EXISTS search_entry_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS search_vn",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
