"""Ship the platform's default indicator catalogue (compliance.catalogue)."""

from django.db import migrations


def load(apps, schema_editor):
    from compliance.catalogue import load_defaults

    load_defaults(apps.get_model("compliance", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("compliance", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
