"""States follow dates: a plan expires after its period, a recruitment closes after its
deadline; the daily task stores it so the public filter finds it."""

from datetime import date

import pytest

from disclosure.models import Record, RecruitmentDetails, Section
from disclosure.states import derived_state, refresh_states
from disclosure.tasks import refresh_record_states
from tests.disclosure.factories import RecordFactory

pytestmark = pytest.mark.django_db


def test_plan_expires_the_day_after_its_period_ends(commune):
    plan = RecordFactory(
        tenant=commune,
        record_status="approved",
        period_start=date(2021, 1, 1),
        period_end=date(2025, 12, 31),
    )
    assert derived_state(plan, date(2025, 12, 31)) == "approved"
    assert derived_state(plan, date(2026, 1, 1)) == "expired"
    draft_plan = RecordFactory(
        tenant=commune, record_status="consultation", period_end=date(2020, 1, 1)
    )
    assert derived_state(draft_plan, date(2026, 1, 1)) == "consultation"


def test_recruitment_closes_after_its_deadline_and_the_task_stores_it(commune, site_client):
    notice = RecordFactory(
        tenant=commune,
        section=Section.RECRUITMENT,
        record_status="open",
        title_vi="Tuyển viên chức",
    )
    RecruitmentDetails.objects.create(
        record=notice, positions="Kế toán", quota=1, deadline=date(2026, 2, 13)
    )
    assert refresh_states(date(2026, 2, 13)) == 0
    assert refresh_states(date(2026, 2, 14)) == 1
    assert Record.objects.get(pk=notice.pk).record_status == "closed"
    assert refresh_states(date(2026, 2, 14)) == 0  # idempotent
    body = site_client(commune).get("/tuyen-dung/?tinh-trang=closed").content.decode()
    assert "Tuyển viên chức" in body
    assert refresh_record_states.delay().get() == 0
