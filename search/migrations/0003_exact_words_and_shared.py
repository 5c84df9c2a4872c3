"""Exact words in the vector (exact diacritics found anywhere, through the index), i/y
spellings made one, and the `shared` flag. Existing
rows get their vectors rebuilt from their stored title and text."""

from django.db import migrations, models


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.indexing import revector

    with schema_editor.connection.cursor() as cursor:
        revector(cursor)
        # Rows of one object on several sites.
        cursor.execute(
            """UPDATE search_searchentry e SET shared = true
               FROM (SELECT model_label, object_id, language FROM search_searchentry
                     GROUP BY 1, 2, 3 HAVING count(*) > 1) s
               WHERE (e.model_label, e.object_id, e.language)
                   = (s.model_label, s.object_id, s.language)"""
        )


def backward(apps, schema_editor):
    pass  # the old vectors would need a rebuild_search_index


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_search")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="shared",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(forward, backward),
    ]
