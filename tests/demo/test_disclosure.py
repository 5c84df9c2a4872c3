"""The demo's disclosure records, and the late budget it is built to show."""

from datetime import date

import pytest

from disclosure.models import Record, Section
from disclosure.timeliness import late_records
from portal.publishing import PublicationStatus
from tenants.models import Tenant

pytestmark = pytest.mark.django_db


def test_demo_seed_tells_a_late_budget(demo):
    published = Record.objects.filter(status=PublicationStatus.PUBLISHED)
    assert published.filter(section=Section.INVESTMENT).count() == 20
    assert published.filter(section=Section.STATISTICS).count() == 3
    assert published.filter(section=Section.BUDGET).values("tenant").distinct().count() == 3
    assert published.filter(section=Section.PLANNING, attachments__role="map").exists()
    late = late_records(Tenant.objects.values_list("pk", flat=True), since=date(2023, 1, 1))
    assert [item.record.tenant.slug for item in late] == ["xahoabinh"]
    assert late[0].record.section == Section.BUDGET
