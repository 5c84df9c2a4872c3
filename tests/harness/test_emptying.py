"""The emptying after a committing test (tests/harness/emptying.py) leaves the database as
migrated: no row a test wrote, the rows of the data migrations as they were. A test that
does not commit may therefore run after one that does."""

import pytest
from django.test import TransactionTestCase

from compliance.models import Indicator
from disclosure.models import DeadlineRule
from portal.models import CalendarDay
from tenants.models import Tenant
from tests.tenants.factories import TenantFactory

MIGRATED = (Indicator, DeadlineRule, CalendarDay)


def rows(model) -> list[tuple]:
    return list(model.objects.order_by("pk").values_list())


class CommittingTest(TransactionTestCase):
    def runTest(self) -> None:
        pass


@pytest.mark.django_db(transaction=True)
def test_the_emptying_puts_back_the_rows_the_migrations_wrote():
    migrated = {model: rows(model) for model in MIGRATED}
    assert all(migrated.values())  # the data migrations wrote rows in each
    TenantFactory()
    Indicator.objects.filter(pk=migrated[Indicator][0][0]).delete()
    DeadlineRule.objects.all().delete()
    CalendarDay.objects.order_by("pk").first().delete()

    CommittingTest()._fixture_teardown()

    assert not Tenant.objects.exists()
    assert {model: rows(model) for model in MIGRATED} == migrated
