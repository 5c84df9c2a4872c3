"""A GIN index on the title vector (issue 22): the title tiers of a common word (the few
titles holding "kế hoạch" among 20,000 texts that do) are found in the index instead of
by filtering every match. PostgreSQL only, like the other search indexes."""

from django.db import migrations

INDEX = "search_entry_rank_vector"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchentry USING gin (rank_vector)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_exact_words_and_shared")]

    operations = [migrations.RunPython(forward, backward)]
