"""The demo seed: visits, history and a real (in-process) run over the tree; idempotent."""

import io

import pytest

from compliance import demo
from compliance.fetch import fetch_base
from compliance.models import MeasurementRun, VisitDaily

pytestmark = pytest.mark.django_db


def test_seed_measures_the_tree_with_gaps_and_is_idempotent(province, commune):
    out = io.StringIO()
    commune.slug = "xahoabinh"
    commune.save()
    demo.seed({"xahoabinh": commune, "tinh": province}, out)
    visits_after_first = VisitDaily.objects.count()
    demo.seed({"xahoabinh": commune, "tinh": province}, out)
    assert VisitDaily.objects.count() == visits_after_first > 0
    assert fetch_base() == ""  # the in-process mode does not leak out of the seed
    run = MeasurementRun.objects.filter(tenant=commune, error="").first()
    results = {r.code: r for r in run.results.all()}
    assert results["A-HOTLINE"].status == "fail"  # the deliberate gap
    assert results["B-HOME-STATUS"].status == "pass"  # pages rendered in process
    assert results["B-A11Y"].status == "not_measured"
    assert MeasurementRun.objects.filter(tenant=commune).count() >= 12  # a year of trend
    assert "measured 2 sites" in out.getvalue()
