"""The unit filter of the search page: the province's tree, refreshed when the tree changes."""

from search.views import _units
from tenants.models import TenantKind
from tests.tenants.factories import TenantFactory


def test_a_new_component_site_appears_in_the_unit_filter_at_once(province, commune):
    before = [name for _pk, name in _units(province, True, "vi")]
    assert commune.name in before
    TenantFactory(parent=province, kind=TenantKind.COMMUNE, slug="xamoi", name_vi="Xã Mới Lập")
    after = [name for _pk, name in _units(province, True, "vi")]
    assert "Xã Mới Lập" in after


def test_a_commune_filters_only_by_itself_and_not_by_its_siblings(commune, other_commune):
    names = [name for _pk, name in _units(commune, False, "vi")]
    assert commune.name in names and other_commune.name not in names
