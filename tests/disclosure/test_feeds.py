"""Atom and JSON Feed per disclosure section: the whole record (facts, data table, files)."""

import xml.etree.ElementTree as ET

import pytest

from disclosure.models import Section
from portal.publishing import PublicationStatus
from tests.disclosure.factories import DatasetFactory, RecordFactory, add_rows

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def series(commune, other_commune):
    record = DatasetFactory(
        record=RecordFactory(tenant=commune, section=Section.STATISTICS, title_vi="Dân số xã")
    ).record
    add_rows(record, ["2024", "2025"], [("Dân số", "người", ["1000", "1010"])])
    RecordFactory(
        tenant=commune, section=Section.STATISTICS, title_vi="Nháp", status=PublicationStatus.DRAFT
    )
    RecordFactory(tenant=other_commune, section=Section.STATISTICS, title_vi="Xã khác")
    RecordFactory(tenant=commune, section=Section.LAND, title_vi="Bảng giá đất")
    return record


def test_atom_feed_of_a_section_carries_the_table(series, commune, site_client):
    response = site_client(commune).get("/so-lieu-thong-ke/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Dân số xã"]
    content = entries[0].find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert '<th scope="row">Dân số</th>' in content.text and "<td>1010</td>" in content.text
    assert entries[0].find(f"{ATOM}link").get("href").startswith("http://xaa.portal.test/")


def test_json_feed_of_a_section(series, commune, site_client, django_assert_max_num_queries):
    client = site_client(commune)
    client.get("/so-lieu-thong-ke/rss/")
    with django_assert_max_num_queries(6):  # the RSS's + table rows and files, prefetched
        response = client.get("/so-lieu-thong-ke/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["title"] for i in feed["items"]] == ["Dân số xã"]
    assert "Dân số" in feed["items"][0]["content_html"]
    assert feed["items"][0]["url"] == "http://xaa.portal.test" + series.get_absolute_url()


def test_section_list_announces_every_feed(series, commune, site_client):
    html = site_client(commune).get("/so-lieu-thong-ke/").content.decode()
    assert "/so-lieu-thong-ke/atom/" in html and "/so-lieu-thong-ke/feed.json" in html
