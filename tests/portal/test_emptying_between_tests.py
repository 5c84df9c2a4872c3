"""The emptying after each committing test (tests/harness/emptying.py) leaves the database
as migrated: the rows the migrations wrote are back, whatever the test did to them, and
nothing else is left. A database test may then follow a committing test on one process."""

import pytest
from django.db import connection

from compliance.models import Indicator
from disclosure.models import DeadlineRule
from portal.models import CalendarDay
from tenants.models import Tenant
from tests.harness import emptying
from tests.tenants.factories import TenantFactory

MIGRATED = (Indicator, DeadlineRule, CalendarDay)


def migrated_rows() -> list[list[dict]]:
    return [list(model.objects.order_by("pk").values()) for model in MIGRATED]


@pytest.mark.django_db(transaction=True)
def test_the_rows_the_migrations_wrote_come_back_and_nothing_else_stays():
    before = migrated_rows()
    assert all(before), "the migrations write indicators, deadline rules and calendar days"
    TenantFactory(slug="xaemptying")
    Indicator.objects.filter(tenant__isnull=True).update(is_active=False)
    DeadlineRule.objects.all().delete()
    CalendarDay.objects.order_by("pk").first().delete()
    assert migrated_rows() != before

    assert emptying.empty_filled_tables(connection)
    assert migrated_rows() == before
    assert not Tenant.objects.exists()
