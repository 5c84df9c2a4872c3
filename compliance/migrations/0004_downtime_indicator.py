"""A-TIME-DOWNTIME (planned downtime announced 7 working days ahead, Decree 224/2026
Art. 13): added to the platform defaults and to each province's own catalogue."""

from django.db import migrations

CODE = "A-TIME-DOWNTIME"


def forward(apps, schema_editor):
    from compliance.catalogue import DEFAULT_INDICATORS, load_defaults

    Indicator = apps.get_model("compliance", "Indicator")
    load_defaults(Indicator)
    default = Indicator.objects.filter(tenant__isnull=True, code=CODE).first()
    if default is None:
        return
    row = next(r for r in DEFAULT_INDICATORS if r["code"] == CODE)
    provinces = (
        Indicator.objects.filter(tenant__isnull=False)
        .values_list("tenant_id", flat=True)
        .distinct()
    )
    for tenant_id in list(provinces):
        Indicator.objects.get_or_create(
            tenant_id=tenant_id,
            code=CODE,
            defaults={
                **{k: v for k, v in row.items() if k != "applies_to"},
                "name": row["name_vi"],
                "order": default.order,
            },
        )


def backward(apps, schema_editor):
    apps.get_model("compliance", "Indicator").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("compliance", "0003_catalogue_after_merge")]

    operations = [migrations.RunPython(forward, backward)]
