"""The default deadline rules (see disclosure/timeliness.py for their legal basis)."""

from django.db import migrations


def add_rules(apps, schema_editor):
    from disclosure.timeliness import DEFAULT_RULES

    DeadlineRule = apps.get_model("disclosure", "DeadlineRule")
    for section, stage, days, kind, basis in DEFAULT_RULES:
        DeadlineRule.objects.get_or_create(
            section=section,
            budget_stage=stage,
            defaults={"days": days, "day_kind": kind, "legal_basis": basis},
        )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]
    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
