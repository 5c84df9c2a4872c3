"""The demo catalogue goes through the real sync and is idempotent."""

import pytest

from procedures.models import Field, Level, OnlineLevel, Procedure, SyncRun

pytestmark = pytest.mark.django_db


def test_seed_demo_imports_at_least_150_realistic_procedures_once(demo):
    assert Procedure.objects.active().count() >= 150
    assert Field.objects.count() >= 15
    assert set(Procedure.objects.values_list("level", flat=True)) >= {Level.PROVINCE, Level.COMMUNE}
    assert set(Procedure.objects.values_list("online_level", flat=True)) >= {
        OnlineLevel.FULL, OnlineLevel.PARTIAL,
    }  # fmt: skip
    assert Procedure.objects.filter(name="Đăng ký khai sinh").exists()
    # The second seed_demo of the package fixture synced again and changed nothing.
    runs = SyncRun.objects.filter(trigger="seed_demo")
    assert runs.count() == 2 and runs.first().changes == 0
