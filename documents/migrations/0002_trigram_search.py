"""Trigram indexes so that `contains` on the folded summary and the number stays fast."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.AddIndex(
            model_name="document",
            index=GinIndex(
                fields=["summary_folded"], name="documents_summary_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="document",
            index=GinIndex(
                fields=["number_normalised"], name="documents_number_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
    ]
