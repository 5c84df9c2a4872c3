"""The unit filter of the search page: the province's tree, refreshed when the tree changes."""

from search.views import _units
from tenants.models import TenantKind
from tests.search.factories import bulletin, index_all
from tests.search.test_search import titles
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


def test_the_unit_filter_is_a_typed_name_not_a_list_of_every_site(
    province, commune, other_commune, department, site_client
):
    for n in range(30):
        TenantFactory(parent=province, kind=TenantKind.COMMUNE, slug=f"xa{n}", name_vi=f"Xã Số {n}")
    bulletin(department, "Kế hoạch thu ngân sách")
    bulletin(commune, "Kế hoạch thu phí chợ")
    index_all()
    client = site_client(province)
    html = client.get("/tim-kiem/", {"q": "ke hoach"}).content.decode()
    assert "<option" not in html.split('id="search-year"')[1].split("</select>", 1)[1]
    assert 'name="unit_name"' in html
    # A part of the name, without diacritics, is enough when it names one unit.
    found = client.get("/tim-kiem/", {"q": "ke hoach", "unit_name": "so tai chinh"})
    assert titles(found) == ["Kế hoạch thu ngân sách"]
    assert 'value="Sở Tài chính"' in found.content.decode()
    # Several units: a short list of links to choose from, results from every unit.
    several = client.get("/tim-kiem/", {"q": "ke hoach", "unit_name": "binh"}).content.decode()
    assert "Các đơn vị có tên chứa “binh”" in several
    assert f"unit={commune.pk}" in several and f"unit={other_commune.pk}" in several
    assert len(titles(client.get("/tim-kiem/", {"q": "ke hoach", "unit_name": "binh"}))) == 2
    # Nothing matches: said so, and every unit is searched.
    none = client.get("/tim-kiem/", {"q": "ke hoach", "unit_name": "khong co"})
    assert "Không có đơn vị nào tên như “khong co”" in none.content.decode()
    assert len(titles(none)) == 2
