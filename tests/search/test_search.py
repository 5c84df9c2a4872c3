"""Site search: diacritics, ranking, document numbers, scope, filters, paging, English."""

import re

import pytest

from tests.search.factories import bulletin, index_all


def text(response) -> str:
    """The page without highlight tags."""
    return re.sub(r"</?mark>", "", response.content.decode())


def titles(response) -> list[str]:
    html = response.content.decode()
    found = re.findall(r'<h2 class="search-hit-title"><a href="[^"]*">(.*?)</a></h2>', html)
    return [re.sub(r"</?mark>", "", t) for t in found]


@pytest.fixture
def land_items(commune):
    items = [
        bulletin(commune, "Quy hoạch sử dụng đất đến năm 2030", "Lấy ý kiến nhân dân."),
        bulletin(commune, "Đăng ký kinh doanh hộ cá thể", "Hồ sơ đăng ký kinh doanh."),
        bulletin(commune, "Thủ tục đăng ký hộ tịch", "Khai sinh, kết hôn, hộ tịch."),
        bulletin(commune, "Lịch tiếp công dân tháng 6", "Chủ tịch tiếp công dân."),
    ]
    index_all()
    return items


@pytest.mark.parametrize(
    ("plain", "accented", "expected"),
    [
        ("quy hoach su dung dat", "quy hoạch sử dụng đất", "Quy hoạch sử dụng đất đến năm 2030"),
        ("ho tich", "hộ tịch", "Thủ tục đăng ký hộ tịch"),
        ("dang ky kinh doanh", "đăng ký kinh doanh", "Đăng ký kinh doanh hộ cá thể"),
        ("DANG KY KINH DOANH", "ĐĂNG KÝ KINH DOANH", "Đăng ký kinh doanh hộ cá thể"),
    ],
)
def test_with_or_without_diacritics_the_same_results(
    land_items, commune, site_client, plain, accented, expected
):
    client = site_client(commune)
    without = titles(client.get("/tim-kiem/", {"q": plain}))
    with_marks = titles(client.get("/tim-kiem/", {"q": accented}))
    assert sorted(without) == sorted(with_marks)
    assert without[0] == expected


def test_d_with_stroke_folds_to_d(land_items, commune, site_client):
    response = site_client(commune).get("/tim-kiem/", {"q": "dat"})
    assert "Quy hoạch sử dụng đất đến năm 2030" in titles(response)


def test_exact_diacritics_rank_first(commune, site_client):
    bulletin(commune, "Ban hành quy chế chợ", year=2025)
    bulletin(commune, "Bán hàng tại chợ phiên", year=2020)
    bulletin(commune, "Bàn giao mặt bằng chợ", year=2024)
    index_all()
    client = site_client(commune)
    assert titles(client.get("/tim-kiem/", {"q": "bán chợ"}))[0] == "Bán hàng tại chợ phiên"
    assert titles(client.get("/tim-kiem/", {"q": "bàn chợ"}))[0] == "Bàn giao mặt bằng chợ"
    assert len(titles(client.get("/tim-kiem/", {"q": "ban cho"}))) == 3


def test_an_older_body_only_exact_match_ranks_above_newer_folded_matches(commune, site_client):
    bulletin(commune, "Văn bản hướng dẫn mới", "Ban hành bản kế hoạch.", year=2025)
    bulletin(commune, "Bán đấu giá tài sản", "Thông báo bán đấu giá.", year=2024)
    bulletin(commune, "Họp thôn cuối năm", "Mỗi hộ mang một chiếc bàn ra sân.", year=2019)
    index_all()
    client = site_client(commune)
    assert titles(client.get("/tim-kiem/", {"q": "bàn"}))[0] == "Họp thôn cuối năm"
    html = client.get("/tim-kiem/", {"q": "bàn"}).content.decode()
    assert "chiếc <mark>bàn</mark> ra sân" in html
    assert "3 kết quả" in html


@pytest.mark.parametrize(
    ("typed", "stored"), [("kí", "ký"), ("ký", "kí"), ("lí", "lý"), ("quí", "quý")]
)
def test_i_and_y_spellings_find_each_other(commune, site_client, typed, stored):
    bulletin(commune, f"Thông báo {stored} hợp đồng", "Nội dung.")
    index_all()
    assert titles(site_client(commune).get("/tim-kiem/", {"q": f"{typed} hợp đồng"})) == [
        f"Thông báo {stored} hợp đồng"
    ]


def test_a_title_with_every_word_beats_one_repeating_a_word(commune, site_client):
    bulletin(commune, "Tạm ngừng kinh doanh, tiếp tục kinh doanh", "Đăng ký tại xã.", year=2025)
    bulletin(commune, "Đăng ký thành lập hộ kinh doanh", year=2020)
    index_all()
    found = titles(site_client(commune).get("/tim-kiem/", {"q": "dang ky kinh doanh"}))
    assert found == ["Đăng ký thành lập hộ kinh doanh", "Tạm ngừng kinh doanh, tiếp tục kinh doanh"]


def test_exact_phrase_ranks_first(commune, site_client):
    bulletin(commune, "Đất sử dụng cho quy hoạch giao thông", year=2025)
    bulletin(commune, "Quy hoạch sử dụng đất xã", year=2019)
    index_all()
    found = titles(site_client(commune).get("/tim-kiem/", {"q": "quy hoach su dung dat"}))
    assert found == ["Quy hoạch sử dụng đất xã", "Đất sử dụng cho quy hoạch giao thông"]


def test_quoted_phrase_and_exclusion(commune, site_client):
    bulletin(commune, "Quy hoạch sử dụng đất xã")
    bulletin(commune, "Đất sử dụng cho quy hoạch giao thông")
    index_all()
    client = site_client(commune)
    assert titles(client.get("/tim-kiem/", {"q": '"quy hoach su dung"'})) == [
        "Quy hoạch sử dụng đất xã"
    ]
    assert titles(client.get("/tim-kiem/", {"q": "quy hoạch -giao"})) == [
        "Quy hoạch sử dụng đất xã"
    ]


NUMBERS = ["15/2024/QĐ-UBND", "15/2024/QD-UBND", "15/2024/qd-ubnd", "15/2024"]


@pytest.mark.parametrize("typed", NUMBERS)
def test_document_numbers_find_that_document_first(commune, site_client, typed):
    bulletin(commune, "Quyết định ban hành quy chế", number="15/2024/QĐ-UBND", kind="document")
    bulletin(commune, "Quyết định về giá đất", number="16/2024/QĐ-UBND", kind="document")
    bulletin(commune, "Tin: tỉnh ban hành 150 quyết định QĐ-UBND năm 2024")
    index_all()
    found = titles(site_client(commune).get("/tim-kiem/", {"q": typed}))
    assert found[0] == "Quyết định ban hành quy chế"


def test_document_number_in_title_of_an_article_is_found(commune, site_client):
    bulletin(commune, "Triển khai Nghị quyết 45/NQ-HĐND về giáo dục")
    index_all()
    assert titles(site_client(commune).get("/tim-kiem/", {"q": "45/NQ-HDND"}))


def test_results_show_badge_date_unit_and_highlighted_snippet(commune, site_client):
    bulletin(commune, "Quy hoạch <b>đất</b>", "Phần mở đầu. Lấy ý kiến về quy hoạch sử dụng đất.")
    index_all()
    html = site_client(commune).get("/tim-kiem/", {"q": "quy hoach"}).content.decode()
    assert '<span class="search-badge">Tin bài</span>' in html
    assert "01/06/2024" in html
    assert "Xã An Bình" in html
    assert "<mark>quy</mark> <mark>hoạch</mark>" in html
    assert "&lt;b&gt;" in html  # the stored title is text, shown escaped
    assert "<b>đất</b>" not in html


def test_commune_searches_itself_and_links_to_the_whole_province(
    commune, other_commune, department, province, site_client
):
    bulletin(commune, "Lịch tiếp dân xã An Bình")
    bulletin(other_commune, "Lịch tiếp dân xã Bình Minh")
    bulletin(department, "Lịch tiếp dân Sở Tài chính")
    index_all()
    client = site_client(commune)
    response = client.get("/tim-kiem/", {"q": "lich tiep dan"})
    assert titles(response) == ["Lịch tiếp dân xã An Bình"]
    assert "?q=lich+tiep+dan&amp;scope=province" in response.content.decode()
    whole = client.get("/tim-kiem/", {"q": "lich tiep dan", "scope": "province"})
    assert len(titles(whole)) == 3
    assert "http://xab.portal.test/ban-tin/" in whole.content.decode()  # other sites: absolute
    province_page = site_client(province).get("/tim-kiem/", {"q": "lich tiep dan"})
    assert len(titles(province_page)) == 3
    assert site_client(department).get("/tim-kiem/", {"q": "lich tiep dan"}).status_code == 200
    assert titles(site_client(department).get("/tim-kiem/", {"q": "lich tiep dan"})) == [
        "Lịch tiếp dân Sở Tài chính"
    ]


def test_a_subtree_scope_covers_the_communes_below(
    district, district_commune, commune, site_client
):
    bulletin(district_commune, "Thông báo lũ lụt xã Cũ")
    bulletin(commune, "Thông báo lũ lụt xã An Bình")
    index_all()
    assert titles(site_client(district).get("/tim-kiem/", {"q": "lu lut"})) == [
        "Thông báo lũ lụt xã Cũ"
    ]


def test_filters_by_kind_year_and_unit(province, commune, department, site_client):
    bulletin(commune, "Kế hoạch phòng chống thiên tai", year=2023)
    bulletin(commune, "Kế hoạch phòng chống thiên tai", year=2024, kind="document")
    bulletin(department, "Kế hoạch phòng chống thiên tai của Sở", year=2024)
    index_all()
    client = site_client(province)
    q = "ke hoach thien tai"
    assert len(titles(client.get("/tim-kiem/", {"q": q}))) == 3
    assert len(titles(client.get("/tim-kiem/", {"q": q, "kind": "document"}))) == 1
    assert len(titles(client.get("/tim-kiem/", {"q": q, "year": "2024"}))) == 2
    assert titles(client.get("/tim-kiem/", {"q": q, "unit": department.pk})) == [
        "Kế hoạch phòng chống thiên tai của Sở"
    ]
    # A unit outside the scope is ignored, not a way around it.
    outside = site_client(commune).get("/tim-kiem/", {"q": q, "unit": department.pk})
    assert "Kế hoạch phòng chống thiên tai của Sở" not in titles(outside)


def test_paging_keeps_the_query_and_any_depth_answers(commune, site_client):
    for n in range(45):
        bulletin(commune, f"Bản tin nông nghiệp số {n}", published_at=None, year=2024)
    index_all()
    client = site_client(commune)
    first = client.get("/tim-kiem/", {"q": "nong nghiep"})
    assert len(titles(first)) == 20
    assert "?q=nong+nghiep&amp;page=2" in first.content.decode()
    third = client.get("/tim-kiem/", {"q": "nong nghiep", "page": "3"})
    assert len(titles(third)) == 5
    beyond = client.get("/tim-kiem/", {"q": "nong nghiep", "page": "999999"})
    assert beyond.status_code == 200 and len(titles(beyond)) == 5
    assert "đây là trang 3" in beyond.content.decode()


def test_english_site_searches_english_entries(commune, site_client):
    bulletin(commune, "Quy hoạch sử dụng đất", title_en="Land use planning", body_en="Views.")
    bulletin(commune, "Lịch tiếp công dân")
    index_all()
    client = site_client(commune)
    assert titles(client.get("/en/tim-kiem/", {"q": "land planning"})) == ["Land use planning"]
    assert 'href="/en/ban-tin/' in client.get("/en/tim-kiem/", {"q": "land"}).content.decode()
    assert titles(client.get("/en/tim-kiem/", {"q": "tiep cong dan"})) == []
    assert titles(client.get("/tim-kiem/", {"q": "land planning"})) == []


def test_zero_results_suggest_titles_and_point_to_procedures_and_questions(
    land_items, commune, site_client
):
    response = site_client(commune).get("/tim-kiem/", {"q": "quy hoach su dungg datt"})
    html = text(response)
    assert "Không tìm thấy kết quả nào" in html
    assert 'Có phải bạn muốn tìm: <a href="?q=quy+hoach+su+dung+dat">' in html
    assert "Quy hoạch sử dụng đất đến năm 2030" in html
    assert "/thu-tuc-hanh-chinh/" in html
    assert "/hoi-dap/" in html


def test_results_page_query_budget(land_items, commune, site_client, django_assert_max_num_queries):
    client = site_client(commune)
    client.get("/tim-kiem/", {"q": "warm up"})
    with django_assert_max_num_queries(6):
        response = client.get("/tim-kiem/", {"q": "dang ky", "page": "1"})
    assert response.status_code == 200
    with django_assert_max_num_queries(7):
        client.get("/tim-kiem/", {"q": "khong co gi ca"})  # + did-you-mean


def test_empty_query_shows_the_form(commune, site_client):
    response = site_client(commune).get("/tim-kiem/")
    assert response.status_code == 200
    assert 'id="search-q"' in response.content.decode()


def test_province_results_page_query_budget(
    land_items, province, site_client, django_assert_max_num_queries
):
    client = site_client(province)
    client.get("/tim-kiem/", {"q": "warm up"})
    with django_assert_max_num_queries(7):
        assert titles(client.get("/tim-kiem/", {"q": "dang ky"}))
    with django_assert_max_num_queries(11):  # + spelling correction and its search
        client.get("/tim-kiem/", {"q": "quy hoach su dungg datt"})
