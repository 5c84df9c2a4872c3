"""A-TIME-DOWNTIME: each planned downtime of a site announced at least 7 working days
ahead (or an emergency with its reason), counted by the measurement and shown in the
report (Decree 224/2026 Art. 13)."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from compliance.catalogue import catalogue_for
from compliance.checks import CheckContext, run_check
from compliance.models import CheckStatus, Indicator
from compliance.reporting import report_data
from compliance.scoring import measure_site
from operations.models import DowntimeNotice

pytestmark = pytest.mark.django_db


def _at(day: date, hour: int = 8) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


def _notice(tenant, published: date, start: date, **extra) -> DowntimeNotice:
    return DowntimeNotice.objects.create(
        tenant=tenant,
        published_at=_at(published, 9),
        starts_at=_at(start, 22),
        ends_at=_at(start, 23),
        message_vi="Nâng cấp",
        **extra,
    )


@pytest.fixture
def notices(province, commune, other_commune):
    today = timezone.localdate()
    in_time = _notice(commune, today - timedelta(days=40), today - timedelta(days=20))
    late = _notice(commune, today - timedelta(days=12), today - timedelta(days=10))
    _notice(other_commune, today - timedelta(days=12), today - timedelta(days=10))
    return in_time, late


def measure(tenant, **kwargs):
    return run_check("downtime_announced", CheckContext(tenant=tenant, **kwargs))


def test_one_notice_in_time_and_one_late(commune, notices):
    in_time, late = notices
    result = measure(commune, threshold_pass=100, threshold_partial=50)
    assert result.status == CheckStatus.PARTIAL and result.value == 50.0
    assert [row["in_time"] for row in result.evidence] == [True, False]
    assert result.evidence[1]["working_days_ahead"] < 7 <= result.evidence[0]["working_days_ahead"]
    assert "1/2 đợt tạm ngừng được thông báo đúng hạn" in result.summary
    assert result.fix_url == f"/admin/operations/downtimenotice/{late.pk}/change/"
    late.is_emergency, late.emergency_reason = True, "Mất điện trung tâm dữ liệu"
    late.save()
    assert measure(commune).status == CheckStatus.PASS


def test_a_late_province_wide_notice_counts_on_every_site_below(province, commune):
    today = timezone.localdate()
    _notice(province, today - timedelta(days=3), today - timedelta(days=1), include_subtree=True)
    result = measure(commune)
    assert result.status == CheckStatus.FAIL
    assert result.evidence[0]["site"] == str(province.name)


def test_no_downtime_is_not_applicable(other_commune):
    assert measure(other_commune).status == CheckStatus.NOT_APPLICABLE


def test_measured_and_shown_in_the_report(province, commune, notices):
    catalogue_for(province)
    Indicator.objects.filter(tenant=province).exclude(code="A-TIME-DOWNTIME").update(
        is_active=False
    )
    run = measure_site(commune)
    (result,) = run.results.all()
    assert result.code == "A-TIME-DOWNTIME" and result.status == CheckStatus.PARTIAL
    assert result.legal_basis == "NĐ 224/2026 Điều 13"
    now = timezone.now()
    report = report_data(
        province, now - timedelta(days=1), now + timedelta(days=1), allowed_ids=None
    )
    (row,) = [r for r in report.results if r["code"] == "A-TIME-DOWNTIME"]
    assert row["site"] == commune.name and "1/2 đợt" in row["summary"]
