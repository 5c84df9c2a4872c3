"""What the compliance module reads from procedures: the B4 count, when the site's
procedures were last synchronised, and where they are looked at in the admin."""

from procedures import stats
from procedures.models import Procedure
from tests.procedures.factories import import_records, record


def test_section_count_and_last_update_of_the_sites_own_procedures(source, province, commune):
    import_records(source, record("1.1"), record("1.2"), record("2.1", tenants=["tinh"]))
    assert stats.section_counts(commune) == {"B4": 2}
    synced = Procedure.objects.get(code="1.1").synced_at
    assert stats.last_updated(commune) == {"B4": synced}
    assert stats.section_counts(province) == {"B4": 1}


def test_a_site_without_procedures_counts_zero_and_has_no_date(commune):
    assert stats.section_counts(commune) == {"B4": 0}
    assert stats.last_updated(commune) == {}


def test_section_admin_url():
    assert stats.section_admin_url("B4") == "/admin/procedures/procedure/"
    assert stats.section_admin_url("B8") == ""
