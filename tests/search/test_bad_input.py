"""Hostile or broken input gives a normal page, never a 500, at a normal query cost."""

import pytest

from tests.search.factories import bulletin, index_all
from tests.search.test_search import text

BAD_QUERIES = [
    "",
    "   ",
    "x" * 5000,
    "quy hoạch " * 600,
    ".,;:!?…",
    "&|!():*<>",
    "'\"\\",
    '"quy hoach',
    'quy "hoach',
    "quy hoach'",
    "'; DROP TABLE search_searchentry; --",
    "1 OR 1=1",
    "quy & | ! hoach:* <-> <2>",
    "😀🏠🌾",
    "Москва 北京 hà nội العربية",
    "-dat",
    '-"quy hoach"',
    "or or or",
    "\x00\x01 null byte",
    "\ue000 marker \ue001",
    "%s %(q)s {q}",
    "<script>alert(1)</script>",
    "15/2024/",
    "/QĐ-UBND/",
]


@pytest.fixture
def site(commune):
    bulletin(commune, "Quy hoạch sử dụng đất", "Nội dung")
    index_all()
    return commune


@pytest.mark.parametrize("q", BAD_QUERIES)
def test_bad_queries_give_a_normal_page(site, site_client, q, django_assert_max_num_queries):
    client = site_client(site)
    client.get("/tim-kiem/", {"q": "warm up"})  # the shell's own cold-cache queries
    with django_assert_max_num_queries(7):
        response = client.get("/tim-kiem/", {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("q", ["&|!():*<>", "😀🏠🌾", "-dat", ".,;:!?…"])
def test_nothing_to_look_for_says_so(site, site_client, q):
    html = site_client(site).get("/tim-kiem/", {"q": q}).content.decode()
    assert "Hãy nhập ít nhất một từ cần tìm" in html


def test_a_long_query_is_shortened_with_a_message(site, site_client):
    response = site_client(site).get("/tim-kiem/", {"q": "quy hoạch " * 600})
    html = response.content.decode()
    assert "Từ khóa quá dài" in html
    assert "Quy hoạch sử dụng đất" in text(response)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "quy", "page": "abc"},
        {"q": "quy", "page": "-1"},
        {"q": "quy", "page": "0"},
        {"q": "quy", "page": "99999999999999999999999"},
        {"q": "quy", "page": "1e9"},
        {"q": "quy", "year": "abcd"},
        {"q": "quy", "year": "1066"},
        {"q": "quy", "kind": "<script>"},
        {"q": "quy", "unit": "999999999999"},
        {"q": "quy", "unit": "x"},
        {"q": "quy", "scope": "everything"},
        {"q": ["quy", "hoach"]},
    ],
)
def test_bad_parameters_give_a_normal_page(site, site_client, params):
    response = site_client(site).get("/tim-kiem/", params)
    assert response.status_code == 200
    assert "Quy hoạch sử dụng đất" in text(response)


def test_post_is_refused_politely(site, site_client):
    assert site_client(site).post("/tim-kiem/", {"q": "quy"}).status_code == 405
