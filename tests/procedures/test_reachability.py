"""The catalogue is at most 3 clicks from every home page, and a procedure at most 3 too."""

import re
from urllib.parse import urljoin

import pytest

from tests.procedures.factories import import_records, record


def links(html: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'<a [^>]*href="([^"#]+)"', html)]


def clicks_to(client, target: re.Pattern, max_clicks: int = 3) -> int | None:
    """Breadth-first over same-site links from the home page; clicks to the first match."""
    frontier, seen = ["/"], {"/"}
    for depth in range(1, max_clicks + 1):
        next_frontier = []
        for url in frontier:
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            for href in links(response.content.decode()):
                if href.startswith("http") or href.startswith("/admin") or href.startswith("/en/"):
                    continue
                href = urljoin(url, href)
                if target.search(href):
                    return depth
                if href not in seen and len(seen) < 60:
                    seen.add(href)
                    next_frontier.append(href)
        frontier = next_frontier
    return None


@pytest.fixture
def sites(source, province, department, commune):
    import_records(
        source,
        record("1.1", tenants=["xaa"]),
        record("2.1", name="Đăng ký thành lập công ty cổ phần", level="province",
               agency_name="Sở Tài chính", tenants=["sotaichinh"]),
    )  # fmt: skip
    return {"province": province, "department": department, "commune": commune}


@pytest.mark.parametrize("site", ["province", "department", "commune"])
def test_catalogue_is_one_click_and_a_procedure_two_clicks_from_the_home_page(
    site, sites, site_client
):
    client = site_client(sites[site])
    assert clicks_to(client, re.compile(r"^/thu-tuc-hanh-chinh/$")) == 1
    assert clicks_to(client, re.compile(r"^/thu-tuc-hanh-chinh/[\d.]+/$")) <= 3


def test_the_home_page_has_a_procedure_section_with_a_search_box(sites, site_client):
    page = site_client(sites["commune"]).get("/").content.decode()
    assert "Thủ tục hành chính và dịch vụ công trực tuyến" in page
    assert 'action="/thu-tuc-hanh-chinh/"' in page
