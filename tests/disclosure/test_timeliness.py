"""Fact date vs publication date: deadlines from the rules (data), working days from the
shared calendar, and the list of late publications for the compliance module."""

from datetime import UTC, date, datetime

import pytest

from disclosure import timeliness
from disclosure.models import DeadlineRule, Section
from disclosure.timeliness import budget_fact_date, deadline, late_records
from portal.publishing import PublicationStatus
from tests.disclosure.factories import BudgetFactory, RecordFactory

pytestmark = pytest.mark.django_db


def published_on(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội


def test_five_working_days_skip_tet_2026(commune):
    # Decision signed Friday 13/2/2026; Tết off 16–20/2: the deadline is Friday 27/2.
    record = RecordFactory(tenant=commune, fact_date=date(2026, 2, 13))
    assert deadline(record) == date(2026, 2, 27)


def test_five_working_days_skip_tet_2027_without_any_calendar_row(commune):
    # Decision signed Wednesday 3/2/2027; Tết off 4/2–10/2: 11, 12, 15, 16, 17 February.
    record = RecordFactory(tenant=commune, fact_date=date(2027, 2, 3))
    assert deadline(record) == date(2027, 2, 17)


def test_five_working_days_skip_national_day(commune):
    # Friday 28/8/2026; 1/9 and 2/9 off: 31/8, 3/9, 4/9, 7/9, 8/9.
    record = RecordFactory(tenant=commune, fact_date=date(2026, 8, 28))
    assert deadline(record) == date(2026, 9, 8)


def test_published_on_the_deadline_is_on_time_and_a_day_later_is_late(commune):
    on_time = RecordFactory(
        tenant=commune, fact_date=date(2026, 2, 13), published_at=published_on(date(2026, 2, 27))
    )
    late = RecordFactory(
        tenant=commune, fact_date=date(2026, 2, 13), published_at=published_on(date(2026, 2, 28))
    )
    assert not timeliness.timeliness(on_time).late
    result = timeliness.timeliness(late)
    assert result.late and result.days_late == 1
    assert result.fact_date == date(2026, 2, 13)
    assert result.published_on == date(2026, 2, 28)


def test_budget_reports_follow_the_budget_rules_in_calendar_days(commune):
    fact = budget_fact_date("quarter", 2026, 3, None)
    assert fact == date(2026, 9, 30)
    report = BudgetFactory(
        record__tenant=commune, record__fact_date=fact, stage="quarter", quarter=3
    ).record
    assert deadline(report) == date(2026, 10, 15)
    estimate = BudgetFactory(
        record__tenant=commune, record__fact_date=date(2025, 12, 10), stage="estimate"
    ).record
    assert deadline(estimate) == date(2026, 1, 9)
    assert budget_fact_date("six_months", 2026, None, None) == date(2026, 6, 30)
    assert budget_fact_date("quarter", 2026, 4, None) == date(2026, 12, 31)


def test_rules_are_data_the_province_can_change(commune):
    record = RecordFactory(tenant=commune, section=Section.RECRUITMENT, fact_date=date(2026, 3, 2))
    assert deadline(record) == date(2026, 3, 9)
    DeadlineRule.objects.create(section=Section.RECRUITMENT, days=2, legal_basis="Thử nghiệm")
    timeliness.forget_rules()
    assert deadline(record) == date(2026, 3, 4)


def test_late_records_lists_late_and_overdue_items_of_the_given_sites_only(commune, other_commune):
    since = date(2026, 1, 1)
    late = RecordFactory(
        tenant=commune, fact_date=date(2026, 3, 2), published_at=published_on(date(2026, 3, 20))
    )
    RecordFactory(
        tenant=commune, fact_date=date(2026, 3, 2), published_at=published_on(date(2026, 3, 4))
    )
    overdue = RecordFactory(
        tenant=commune,
        fact_date=date(2026, 4, 1),
        status=PublicationStatus.DRAFT,
        published_at=None,
    )
    RecordFactory(tenant=commune, fact_date=date(2025, 3, 2), published_at=None)  # before since
    RecordFactory(
        tenant=other_commune,
        fact_date=date(2026, 3, 2),
        published_at=published_on(date(2026, 5, 20)),
    )
    found = late_records([commune.pk], since)
    assert [item.record for item in found] == [late, overdue]
    assert found[0].days_late == 11 and found[0].deadline == date(2026, 3, 9)
    assert found[1].published_on is None
