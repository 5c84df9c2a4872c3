"""Catalogue refinements once the disclosure app was merged: the budget's lateness is
counted by A-TIME-B8 only (not again by A-TIME-DISC), and science programmes (B10) are
required of the province and departments, not communes. Rows a province has already
edited keep their values."""

from django.db import migrations

OLD_DISC = {"app": "disclosure"}
NEW_DISC = {"app": "disclosure", "exclude_sections": ["B8"]}
B10_KINDS = ["province", "department"]


def forward(apps, schema_editor):
    Indicator = apps.get_model("compliance", "Indicator")
    for row in Indicator.objects.filter(code="A-TIME-DISC"):
        if row.params == OLD_DISC:
            row.params = NEW_DISC
            row.save(update_fields=["params"])
    default = Indicator._meta.get_field("applies_to").default
    every_kind = sorted(default() if callable(default) else default)
    for row in Indicator.objects.filter(code="A-B10"):
        if sorted(row.applies_to or []) == every_kind:
            row.applies_to = B10_KINDS
            row.save(update_fields=["applies_to"])


def backward(apps, schema_editor):
    Indicator = apps.get_model("compliance", "Indicator")
    Indicator.objects.filter(code="A-TIME-DISC", params=NEW_DISC).update(params=OLD_DISC)


class Migration(migrations.Migration):
    dependencies = [("compliance", "0002_default_catalogue")]

    operations = [migrations.RunPython(forward, backward)]
