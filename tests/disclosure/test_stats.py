"""What the compliance module reads from disclosure: counts and last updates per
requirement code, the admin page of a section, late publications as plain dicts."""

from datetime import UTC, date, datetime

import pytest

from disclosure import stats
from disclosure.models import Section
from portal.publishing import PublicationStatus
from tests.disclosure.factories import BudgetFactory, RecordFactory

pytestmark = pytest.mark.django_db


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 3, 0, tzinfo=UTC)


def test_section_counts_are_the_sites_own_published_records(province, commune):
    RecordFactory(tenant=commune, section=Section.PLANNING)
    RecordFactory(tenant=commune, section=Section.RECRUITMENT)
    RecordFactory(tenant=commune, section=Section.ANTICORRUPTION)
    RecordFactory(
        tenant=commune, section=Section.BUDGET, status=PublicationStatus.DRAFT, published_at=None
    )
    trashed = RecordFactory(tenant=commune, section=Section.BUDGET)
    trashed.deleted_at = trashed.published_at
    trashed.save()
    RecordFactory(tenant=province, section=Section.BUDGET)
    counts = stats.section_counts(commune)
    assert counts["B6"] == 1
    assert counts["B12"] == 2  # recruitment and anti-corruption are one requirement
    assert counts["B8"] == 0  # a draft, a trashed record, and the province's own
    assert set(counts) == {"B6", "B7", "B8", "B9", "B10", "B11", "B12"}
    assert stats.section_counts(province)["B8"] == 1


def test_last_updated_is_the_latest_publication_per_code(commune):
    RecordFactory(tenant=commune, section=Section.RECRUITMENT, published_at=at(date(2026, 3, 5)))
    RecordFactory(tenant=commune, section=Section.ANTICORRUPTION, published_at=at(date(2026, 4, 1)))
    RecordFactory(tenant=commune, section=Section.STATISTICS, published_at=at(date(2026, 2, 1)))
    assert stats.last_updated(commune) == {"B12": at(date(2026, 4, 1)), "B9": at(date(2026, 2, 1))}


def test_section_admin_url_opens_the_sections_admin_list():
    assert stats.section_admin_url("B8") == "/admin/disclosure/budgetrecord/"
    assert stats.section_admin_url("B12") == "/admin/disclosure/recruitmentrecord/"
    assert stats.section_admin_url("B1") == ""


def test_late_records_count_days_the_way_their_rule_does(commune, other_commune):
    # Q3 report: 15 calendar days after 30/9; published 9/11 = 25 days late.
    budget = BudgetFactory(
        record__tenant=commune,
        record__title_vi="Báo cáo thực hiện ngân sách quý III",
        record__fact_date=date(2026, 9, 30),
        record__published_at=at(date(2026, 11, 9)),
        stage="quarter",
        quarter=3,
    ).record
    # Plan signed Mon 2/3/2026: due 9/3 (5 working days); published Fri 13/3 = 4 working days.
    RecordFactory(
        tenant=commune,
        title_vi="Kế hoạch chậm",
        fact_date=date(2026, 3, 2),
        published_at=at(date(2026, 3, 13)),
    )
    RecordFactory(
        tenant=other_commune, fact_date=date(2026, 3, 2), published_at=at(date(2026, 4, 1))
    )
    found = stats.late_records([commune.pk], date(2026, 1, 1))
    assert [r["title"] for r in found] == ["Kế hoạch chậm", "Báo cáo thực hiện ngân sách quý III"]
    plan, report = found
    assert (plan["section"], plan["days_late"], plan["day_kind"]) == ("B6", 4, "working")
    assert plan["deadline"] == "2026-03-09" and plan["published_on"] == "2026-03-13"
    assert (report["section"], report["days_late"], report["day_kind"]) == ("B8", 25, "calendar")
    assert "Luật NSNN" in report["legal_basis"]
    assert report["admin_url"] == f"/admin/disclosure/budgetrecord/{budget.pk}/change/"
    assert stats.late_records([commune.pk], date(2026, 10, 1)) == []
