"""The public catalogue: who sees what, filters and search, facets, pages, detail, print."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from procedures import selectors
from tests.portal.sitemap_client import sitemap_text
from tests.procedures.factories import generate_records, import_records, record

CATALOGUE = "/thu-tuc-hanh-chinh/"


@pytest.fixture
def catalogue(source, province, department, commune, other_commune):
    import_records(
        source,
        record("1.1", tenants=["xaa", "xab"]),
        record("1.2", name="Chứng thực chữ ký trong các giấy tờ, văn bản", name_en="",
               field_code="CT", field_name="Chứng thực", online_level="partial",
               partial_reason="Phải ký trước mặt người thực hiện chứng thực.", tenants=["xaa"]),
        record("1.3", name="Cấp giấy phép xây dựng nhà ở riêng lẻ", name_en="",
               field_code="XD", field_name="Hoạt động xây dựng", online_level="none",
               submission_url="", tenants=["xab"]),
        record("2.1", name="Đăng ký thành lập công ty cổ phần",
               name_en="Registration of a joint-stock company", level="province",
               field_code="DN", field_name="Thành lập và hoạt động doanh nghiệp",
               agency_name="Sở Tài chính", agency_tenant="sotaichinh", tenants=["sotaichinh"]),
        record("2.2", name="Cấp Phiếu lý lịch tư pháp", name_en="", level="province",
               field_code="TP", field_name="Lý lịch tư pháp", agency_name="Sở Tư pháp",
               tenants=["tinh"]),
    )  # fmt: skip
    return source


def listed(response) -> list[str]:
    return re.findall(r'href="/thu-tuc-hanh-chinh/([^/"?]+)/"', response.content.decode())


def test_a_department_sees_only_the_procedures_it_implements(catalogue, department, site_client):
    assert listed(site_client(department).get(CATALOGUE)) == ["2.1"]


def test_a_commune_sees_the_commune_level_procedures_assigned_to_it(
    catalogue, commune, site_client
):
    assert sorted(listed(site_client(commune).get(CATALOGUE))) == ["1.1", "1.2"]


def test_the_province_sees_its_whole_tree_with_the_agency(catalogue, province, site_client):
    response = site_client(province).get(CATALOGUE)
    assert sorted(listed(response)) == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    page = response.content.decode()
    assert "Sở Tài chính" in page and "Sở Tư pháp" in page


@pytest.mark.parametrize(
    "query", ["khai sinh", "KHAI SINH", "khai sinh", "đăng ký khai", "dang ky khai", "1.1"]
)
def test_search_finds_words_with_or_without_diacritics(query, catalogue, province, site_client):
    assert listed(site_client(province).get(CATALOGUE, {"q": query})) == ["1.1"]


def test_filters_by_field_agency_level_and_online_level(catalogue, province, site_client):
    client = site_client(province)
    field_id = catalogue.fields.get(code="CT").pk
    assert listed(client.get(CATALOGUE, {"linh_vuc": field_id})) == ["1.2"]
    assert listed(client.get(CATALOGUE, {"co_quan": "so-tu-phap"})) == ["2.2"]
    assert sorted(listed(client.get(CATALOGUE, {"cap": "province"}))) == ["2.1", "2.2"]
    assert listed(client.get(CATALOGUE, {"truc_tuyen": "partial"})) == ["1.2"]
    assert sorted(listed(client.get(CATALOGUE, {"truc_tuyen": "full", "cap": "commune"}))) == [
        "1.1"
    ]


def test_facet_counts_ignore_their_own_filter_and_follow_the_others(catalogue, province):
    filters = selectors.Filters(level="commune")
    facets = selectors.facets(province, filters)
    assert facets.total == 3
    assert {f.value: f.count for f in facets.levels} == {"province": 2, "commune": 3}
    assert {f.label: f.count for f in facets.online} == {"Toàn trình": 1, "Một phần": 1}
    assert {f.label: f.count for f in facets.fields} == {
        "Hộ tịch": 1, "Chứng thực": 1, "Hoạt động xây dựng": 1,
    }  # fmt: skip


def test_the_catalogue_shows_the_full_online_share(catalogue, province, commune, site_client):
    page = site_client(commune).get(CATALOGUE).content.decode()
    assert "1/2 thủ tục (50,0%)" in page
    page = site_client(province).get(CATALOGUE).content.decode()
    assert "Toàn bộ các đơn vị trực thuộc: 3/5 (60,0%)" in page


def test_english_catalogue_lists_only_procedures_with_an_english_name(
    catalogue, province, site_client
):
    assert sorted(listed_en(site_client(province).get("/en" + CATALOGUE))) == ["1.1", "2.1"]


def listed_en(response):
    return re.findall(r'href="/en/thu-tuc-hanh-chinh/([^/"?]+)/"', response.content.decode())


def test_hostile_filter_values_are_ignored_not_errors(catalogue, province, site_client):
    client = site_client(province)
    for params in (
        {"linh_vuc": "1 OR 1=1"}, {"cap": "<script>"}, {"truc_tuyen": "x"}, {"sau": "-1"},
        {"truoc": "9" * 40}, {"q": "a" * 5000}, {"co_quan": "\x00"}, {"sau": "999999"},
    ):  # fmt: skip
        response = client.get(CATALOGUE, params)
        assert response.status_code == 200, params
    assert client.post(CATALOGUE).status_code == 405


@pytest.fixture
def big_catalogue(source, province, commune):
    import_records(source, *generate_records(95, ["xaa"]))


def test_keyset_pages_walk_forward_and_back_through_every_procedure(
    big_catalogue, commune, site_client
):
    client = site_client(commune)
    seen, url, pages = [], CATALOGUE, []
    while url:
        response = client.get(url.replace("&amp;", "&"))
        pages.append(url)
        seen += listed(response)
        match = re.search(r'href="([^"]+)" rel="next"', response.content.decode())
        url = match.group(1) if match else None
    assert len(pages) == 5 and len(seen) == 95 and len(set(seen)) == 95
    last = client.get(pages[-1].replace("&amp;", "&")).content.decode()
    previous = re.search(r'href="([^"]+)" rel="prev"', last).group(1).replace("&amp;", "&")
    assert listed(client.get(previous)) == seen[60:80]


def test_a_deep_page_costs_the_same_queries_as_the_first(big_catalogue, commune, site_client):
    client = site_client(commune)
    client.get(CATALOGUE)  # warm the caches (site tree, facets)
    with CaptureQueriesContext(connection) as first:
        body = client.get(CATALOGUE).content.decode()
    deep = re.search(r'href="([^"]+)" rel="next"', body).group(1)
    for _ in range(3):
        deep = re.search(
            r'href="([^"]+)" rel="next"', client.get(deep.replace("&amp;", "&")).content.decode()
        ).group(1)
    with CaptureQueriesContext(connection) as later:
        client.get(deep.replace("&amp;", "&"))
    assert len(later) <= len(first) + 1  # + the cursor's sort key


def test_catalogue_query_budget(big_catalogue, commune, site_client, django_assert_max_num_queries):
    client = site_client(commune)
    with django_assert_max_num_queries(14):
        assert client.get(CATALOGUE, {"q": "giay phep", "cap": "commune"}).status_code == 200
    with django_assert_max_num_queries(6):  # facets, statistics and site data cached
        assert client.get(CATALOGUE, {"q": "giay phep", "cap": "commune"}).status_code == 200


def test_detail_shows_every_part_in_the_required_order(catalogue, commune, site_client):
    response = site_client(commune).get(CATALOGUE + "1.2/")
    page = response.content.decode()
    body = page[page.index('class="procedure-facts"') :]
    order = [
        "1.2",
        "Chứng thực chữ ký trong các giấy tờ, văn bản",
        "Chứng thực",
        "Ủy ban nhân dân cấp xã",
        "Cấp xã",
        "Ngay trong ngày tiếp nhận hồ sơ.",
        "Miễn lệ phí.",
        "Tờ khai đăng ký khai sinh",
        "Tải Mẫu tờ khai đăng ký khai sinh",
        "Bước 1: Nộp hồ sơ.",
        "Trực tuyến hoặc trực tiếp.",
        "Yêu cầu, điều kiện",
        "60/2014/QH13",
        "Giấy khai sinh.",
        "Một phần",
        "Phải ký trước mặt người thực hiện chứng thực.",
        "Nộp hồ sơ trực tuyến trên Cổng dịch vụ công",
    ]
    position = 0
    for text in order:  # each part comes after the one before
        position = body.index(text, position) + len(text)


def test_detail_query_budget(catalogue, commune, site_client, django_assert_max_num_queries):
    client = site_client(commune)
    client.get(CATALOGUE + "1.1/")
    with django_assert_max_num_queries(5):
        assert client.get(CATALOGUE + "1.1/").status_code == 200


def test_printable_version_has_the_content_without_the_site_chrome(catalogue, commune, site_client):
    page = site_client(commune).get(CATALOGUE + "1.1/ban-in/").content.decode()
    assert "Thành phần hồ sơ" in page and "Giấy chứng sinh" in page
    assert 'class="main-menu"' not in page and "<script>" not in page


def test_a_procedure_of_another_site_is_not_found(catalogue, commune, other_commune, site_client):
    assert site_client(other_commune).get(CATALOGUE + "1.2/").status_code == 404
    assert site_client(commune).get(CATALOGUE + "khong-co/").status_code == 404
    assert site_client(commune).get(CATALOGUE + "1.1%00/").status_code == 404


def test_a_withdrawn_procedure_answers_with_a_notice_and_leaves_the_catalogue(
    catalogue, commune, site_client
):
    import_records(catalogue, record("1.1", tenants=["xaa", "xab"]))  # 1.2 … 2.2 withdrawn
    client = site_client(commune)
    response = client.get(CATALOGUE + "1.2/")
    assert response.status_code == 410
    assert "đã ngưng áp dụng" in response.content.decode()
    assert listed(client.get(CATALOGUE)) == ["1.1"]


def test_no_result_says_so(catalogue, commune, site_client):
    assert (
        "Không tìm thấy thủ tục phù hợp"
        in site_client(commune).get(CATALOGUE, {"q": "zzz"}).content.decode()
    )


def test_the_sitemap_lists_the_sites_procedures(catalogue, commune, site_client):
    body = sitemap_text(site_client(commune))
    assert "/thu-tuc-hanh-chinh/1.1/" in body and "/thu-tuc-hanh-chinh/1.3/" not in body


def _rendered(response) -> set[str]:
    return {t.name for t in response.templates}


def test_second_visit_reuses_the_form_facets_and_list_html(catalogue, province, site_client):
    client = site_client(province)
    first = client.get(CATALOGUE)
    assert "procedures/facet.html" in _rendered(first)
    again = client.get(CATALOGUE)
    assert "procedures/facet.html" not in _rendered(again)
    assert again.content == first.content
    filtered = client.get(CATALOGUE, {"cap": "province"})  # its own entry, not page 1's
    assert sorted(listed(filtered)) == ["2.1", "2.2"]
    assert 'value="province" selected' in filtered.content.decode()


def test_a_sync_shows_renamed_and_new_procedures_at_once(catalogue, source, province, site_client):
    client = site_client(province)
    assert "Đăng ký khai sinh" in client.get(CATALOGUE).content.decode()
    import_records(
        source,
        record("1.1", name="Đăng ký khai sinh có yếu tố nước ngoài", tenants=["xaa", "xab"]),
        record("3.1", name="Cấp giấy phép kinh doanh karaoke", level="province", tenants=["tinh"]),
    )
    body = client.get(CATALOGUE).content.decode()
    assert "Đăng ký khai sinh có yếu tố nước ngoài" in body
    assert "Cấp giấy phép kinh doanh karaoke" in body
    assert "Chứng thực chữ ký" not in body  # withdrawn by the full export above


def test_english_and_vietnamese_catalogues_keep_their_own_html(catalogue, province, site_client):
    client = site_client(province)
    client.get(CATALOGUE)
    english = client.get("/en" + CATALOGUE).content.decode()
    assert "Birth registration" in english and "Đăng ký khai sinh" not in english
