"""Directory pages of a portal with thousands of component sites (a national
installation): /gioi-thieu/ lists them a page at a time, /so-do-cong/ shows the first of
each kind and links to that list. Query budgets with the site's shell warm."""

import re

from content.views import SITE_GROUP_MAX
from tenants.bulk_sites import add_communes
from tenants.resolution import bump_tree_version
from tenants.site import DIRECTORY_PAGE

MANY = 250


def _bulk_names(html: str) -> list[str]:
    return re.findall(r"Xã Quy Mô \d{4}", html)


def _many_sites(province):
    add_communes(province, MANY, "qm")
    bump_tree_version()


def test_the_about_page_lists_component_sites_a_page_at_a_time(
    province, site_client, django_assert_max_num_queries
):
    _many_sites(province)
    client = site_client(province)
    client.get("/")  # the site's shell (tree, menu, footer) is cached by then
    with django_assert_max_num_queries(3):
        first = client.get("/gioi-thieu/").content.decode()
    names = _bulk_names(first)
    assert 0 < len(names) <= DIRECTORY_PAGE
    assert "Xã Quy Mô 0001" in names
    assert 'href="?trang=2#tree-title"' in first and 'rel="next"' in first
    with django_assert_max_num_queries(3):
        last = client.get("/gioi-thieu/?trang=3").content.decode()
    assert f"Xã Quy Mô {MANY:04d}" in _bulk_names(last)
    assert 'rel="prev"' in last and 'rel="next"' not in last
    pages = [_bulk_names(client.get(f"/gioi-thieu/?trang={n}").content.decode()) for n in (1, 2, 3)]
    every = [name for page in pages for name in page]
    assert len(every) == len(set(every)) == MANY  # each site on exactly one page


def test_a_page_number_out_of_range_gives_the_nearest_page(province, site_client):
    _many_sites(province)
    client = site_client(province)
    for asked, shown in (("0", 1), ("abc", 1), ("-4", 1), ("999999999", 3)):
        response = client.get(f"/gioi-thieu/?trang={asked}")
        assert response.status_code == 200
        assert f'<span aria-current="page">{shown}</span>' in response.content.decode()


def test_the_portal_map_shows_the_first_sites_of_each_kind_and_links_to_the_list(
    province, site_client, django_assert_max_num_queries
):
    _many_sites(province)
    client = site_client(province)
    client.get("/")
    with django_assert_max_num_queries(3):
        html = client.get("/so-do-cong/").content.decode()
    assert len(_bulk_names(html)) == SITE_GROUP_MAX
    assert "Xem đủ" in html and 'href="/gioi-thieu/#tree-title"' in html


def test_a_site_with_few_component_sites_shows_them_all_without_pages(
    province, commune, site_client
):
    html = site_client(province).get("/gioi-thieu/").content.decode()
    assert commune.name in html
    assert "?trang=" not in html
    assert "Xem đủ" not in site_client(province).get("/so-do-cong/").content.decode()
