"""The demo seed: visits, history and a real (in-process) run over the tree; idempotent."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from compliance import demo
from compliance.fetch import fetch_base
from compliance.models import MeasurementRun, VisitDaily
from content.models import Leader
from tests.disclosure.factories import BudgetFactory

pytestmark = pytest.mark.django_db


def test_seed_measures_the_tree_with_gaps_and_is_idempotent(province, commune, department):
    out = io.StringIO()
    commune.slug = "xahoabinh"
    commune.save()
    # What the disclosure demo seeds for Xã Hòa Bình: a Q3 budget report 40 days after
    # the quarter closed (15 due), and nothing in the statistics section.
    quarter_end = timezone.localdate() - timedelta(days=50)
    BudgetFactory(
        record__tenant=commune,
        record__title_vi="Công khai thực hiện ngân sách quý 3",
        record__fact_date=quarter_end,
        record__published_at=timezone.now() - timedelta(days=10),
        stage="quarter",
        quarter=3,
    )
    leader = Leader.objects.create(
        tenant=department,
        name="Lê Văn Tài",
        title_vi="Giám đốc",
        title_en="Director",
        duties_vi="Phụ trách chung.",
        duties_en="General direction.",
    )
    sites = {"xahoabinh": commune, "tinh": province, "sotaichinh": department}
    demo.seed(sites, out)
    visits_after_first = VisitDaily.objects.count()
    demo.seed(sites, out)
    assert VisitDaily.objects.count() == visits_after_first > 0
    assert fetch_base() == ""  # the in-process mode does not leak out of the seed
    run = MeasurementRun.objects.filter(tenant=commune, error="").first()
    results = {r.code: r for r in run.results.all()}
    assert results["A-HOTLINE"].status == "fail"  # the deliberate gap
    late = results["A-TIME-B8"]
    assert late.status == "fail"
    assert late.evidence[0]["title"] == "Công khai thực hiện ngân sách quý 3"
    assert late.evidence[0]["days_late"] == 25
    assert late.fix_url.startswith("/admin/disclosure/budgetrecord/")
    assert results["A-TIME-DISC"].status == "pass"  # the budget is not counted twice
    assert results["A-B8"].status == "pass"
    assert results["A-B9"].status == "fail" and results["A-B9"].summary == "Mục B9 trống"
    assert results["B-HOME-STATUS"].status == "pass"  # pages rendered in process
    assert results["B-A11Y"].status == "not_measured"
    assert MeasurementRun.objects.filter(tenant=commune).count() >= 12  # a year of trend
    assert "measured 3 sites" in out.getvalue()
    leader.refresh_from_db()
    assert leader.duties_vi.count("quản lý giá") == 1  # changed once, whatever the reruns
    stale = MeasurementRun.objects.filter(tenant=department, error="").first()
    stale = stale.results.get(code="A-EN-STALE")
    assert stale.status == "partial" and stale.evidence[0]["title"] == str(leader)
