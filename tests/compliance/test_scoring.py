"""Scores per axis, roll-up over a subtree both ways, and catalogue edits taking effect."""

from decimal import Decimal

import pytest

from compliance.catalogue import catalogue_for
from compliance.models import CheckStatus, Indicator
from compliance.scoring import axis_scores, measure_site, rollup
from tests.compliance.conftest import make_run
from tests.tenants.factories import TenantFactory

pytestmark = pytest.mark.django_db


def test_axis_score_is_the_weighted_mean_and_ignores_not_measured():
    scores = axis_scores(
        [
            ("a", 1, CheckStatus.PASS),
            ("a", 3, CheckStatus.FAIL),
            ("a", 2, CheckStatus.PARTIAL),
            ("a", 5, CheckStatus.NOT_MEASURED),
            ("a", 5, CheckStatus.NOT_APPLICABLE),
            ("b", 1, CheckStatus.PASS),
        ]
    )
    assert scores["a"] == pytest.approx(100 * (1 + 0 + 1) / 6, abs=0.1)  # 33.3
    assert scores["b"] == 100
    assert scores["c"] is None
    assert scores["overall"] == pytest.approx((33.3 + 100) / 2, abs=0.1)


def test_a_site_with_nothing_measurable_has_no_score_rather_than_full_marks():
    assert axis_scores([("a", 1, CheckStatus.NOT_MEASURED)])["overall"] is None


def test_rollup_weighted_by_sites_and_by_branch(measured_tree, department):
    deep = TenantFactory(parent=department, slug="xasau")
    make_run(deep, 20, 20, 20, 20)
    result = rollup(measured_tree["province"])
    assert result.sites == 5 and result.measured == 5
    # Each site once: (90 + 60 + 20 + 80 + 40) / 5
    assert result.by_site["score"] == 58.0
    # Each branch once: root 90, department branch (60+20)/2, communes 80 and 40
    assert result.by_branch["score"] == 62.5
    assert result.by_site["score_a"] == 58.0


def test_rollup_uses_the_latest_run_and_counts_unmeasured_sites(measured_tree, commune):
    make_run(commune, 100, 100, 100, 100)
    TenantFactory(parent=measured_tree["province"], slug="xamoi")
    result = rollup(measured_tree["province"])
    assert result.sites == 5 and result.measured == 4
    assert result.by_site["score"] == (90 + 60 + 100 + 40) / 4


def test_the_province_gets_its_own_copy_of_the_default_catalogue(province, commune):
    indicators = catalogue_for(commune)
    defaults = Indicator.objects.filter(tenant__isnull=True).count()
    assert defaults >= 30
    assert Indicator.objects.filter(tenant=province).count() == defaults
    assert {i.axis for i in indicators} == {"a", "b", "c"}
    codes = {i.code for i in indicators}
    assert {"A-FOOTER", "A-B8", "A-TIME-B8", "B-LINKS", "B-A11Y", "C-VISITS"} <= codes


def test_catalogue_edits_take_effect_on_the_next_run(province, commune):
    catalogue_for(commune)
    own = Indicator.objects.filter(tenant=province)
    # Only the footer and hotline indicators: one passes, one fails.
    own.exclude(code__in=["A-FOOTER", "A-HOTLINE"]).update(is_active=False)
    commune.hotline = ""
    commune.license_text = "GP 1/2026"
    commune.save()
    run = measure_site(commune)
    assert {r.code for r in run.results.all()} == {"A-FOOTER", "A-HOTLINE"}
    assert run.score_a == 50.0

    own.filter(code="A-HOTLINE").update(weight=Decimal("3"))
    assert measure_site(commune).score_a == 25.0

    own.filter(code="A-HOTLINE").update(is_active=False)
    assert measure_site(commune).score_a == 100.0

    # A new indicator reusing an existing check, with the province's own threshold.
    Indicator.objects.create(
        tenant=province,
        code="P-HOTLINE-2",
        name_vi="Đường dây nóng (chỉ số riêng của tỉnh)",
        axis="a",
        legal_basis="Quyết định của UBND tỉnh",
        check_key="hotline_listed",
        weight=1,
    )
    run = measure_site(commune)
    assert {r.code for r in run.results.all()} == {"A-FOOTER", "P-HOTLINE-2"}
    assert run.score_a == 50.0


def test_indicators_apply_only_to_their_tenant_kinds(province, commune, department):
    catalogue_for(commune)
    Indicator.objects.filter(tenant=province, code="A-B11").update(applies_to=["commune"])
    assert "A-B11" in {i.code for i in catalogue_for(commune)}
    assert "A-B11" not in {i.code for i in catalogue_for(department)}


def test_a_crashing_check_becomes_a_result_not_a_crashed_run(province, commune):
    catalogue_for(commune)
    Indicator.objects.filter(tenant=province).exclude(code="A-FOOTER").update(is_active=False)
    Indicator.objects.filter(tenant=province, code="A-FOOTER").update(params={"fields": 42})
    run = measure_site(commune)
    assert run.state == "done"
    result = run.results.get()
    assert result.status == CheckStatus.NOT_MEASURED
    assert "check error" in result.summary
