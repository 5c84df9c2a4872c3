"""The demo catalogue goes through the real sync and is idempotent."""

from django.core.management import call_command

from procedures.models import Field, Level, OnlineLevel, Procedure, SyncRun


def test_seed_demo_imports_at_least_150_realistic_procedures_once(db, capsys):
    call_command("seed_demo")
    assert Procedure.objects.active().count() >= 150
    assert Field.objects.count() >= 15
    assert set(Procedure.objects.values_list("level", flat=True)) >= {Level.PROVINCE, Level.COMMUNE}
    assert set(Procedure.objects.values_list("online_level", flat=True)) >= {
        OnlineLevel.FULL, OnlineLevel.PARTIAL,
    }  # fmt: skip
    assert Procedure.objects.filter(name="Đăng ký khai sinh").exists()
    call_command("seed_demo")
    assert SyncRun.objects.filter(trigger="seed_demo").first().changes == 0
