"""Demo catalogue: the fixture export imported through the real sync path."""

from __future__ import annotations

from pathlib import Path

from tenants.models import Tenant

from . import fetch, sync
from .models import SyncRun, SyncSource

DEMO_FILE = Path(__file__).parent / "fixtures" / "demo_procedures.json"


def seed(tenants: dict[str, Tenant], out) -> None:
    province = tenants["sonlam"]
    source, _created = SyncSource.objects.get_or_create(
        slug="dvc-sonlam",
        defaults={
            "tenant": province,
            "name": "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Sơn Lâm (dữ liệu mẫu)",
            "is_active": False,  # no real URL: the nightly task leaves the demo alone
        },
    )
    run = sync.sync_source(
        source, data=fetch.read_file(DEMO_FILE), filename=DEMO_FILE.name, trigger="seed_demo"
    )
    if run.outcome != SyncRun.Outcome.OK:
        raise RuntimeError("; ".join(run.errors))
    out.write(
        f"Procedures: {run.created} created, {run.updated} updated, {run.unchanged} unchanged "
        f"({run.seconds:.2f} s)"
    )
