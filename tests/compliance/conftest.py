"""Fixtures for the compliance tests: runs built directly, a live site to measure, a
private Redis key prefix for the visit counter."""

import uuid

import pytest
from django.core.files.storage import FileSystemStorage

from compliance import visits
from compliance.models import ExportJob, MeasurementRun
from tests.tenants.factories import TenantFactory


@pytest.fixture(autouse=True)
def _private_exports(tmp_path, monkeypatch):
    # The field's storage is built once at import (COMPLIANCE_EXPORT_ROOT): swap it.
    storage = FileSystemStorage(location=tmp_path / "exports", base_url=None)
    monkeypatch.setattr(ExportJob._meta.get_field("file"), "storage", storage)


@pytest.fixture
def visit_prefix(settings):
    """A fresh key prefix so tests never see each other's counts; keys removed after."""
    settings.COMPLIANCE_VISITS_PREFIX = f"cvtest{uuid.uuid4().hex[:8]}"
    yield settings.COMPLIANCE_VISITS_PREFIX
    client = visits.client()
    if client is not None:
        for key in client.scan_iter(f"{settings.COMPLIANCE_VISITS_PREFIX}:*"):
            client.delete(key)


def make_run(tenant, a=None, b=None, c=None, overall=None, **extra):
    return MeasurementRun.objects.create(
        tenant=tenant,
        state=MeasurementRun.State.DONE,
        score_a=a,
        score_b=b,
        score_c=c,
        score=overall,
        **extra,
    )


@pytest.fixture
def measured_tree(province, department, commune, other_commune):
    """Province 90, department 60, two communes 80 and 40 (overall scores)."""
    make_run(province, 90, 90, 90, 90)
    make_run(department, 60, 60, 60, 60)
    make_run(commune, 80, 80, 80, 80)
    make_run(other_commune, 40, 40, 40, 40)
    return {"province": province, "department": department}


@pytest.fixture
def live_site(live_server, settings):
    """A commune served by the live test server; checks fetch it through its Host."""
    settings.COMPLIANCE_FETCH_BASE = live_server.url
    return TenantFactory(slug="xalive", hostname="xalive.portal.test", hotline="1022")
