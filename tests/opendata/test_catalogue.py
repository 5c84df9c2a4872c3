"""The open-data catalogue: the page in both languages, the DCAT-AP catalogue read by a
JSON-LD processor, the CSV downloads, scoping and the query budget."""

import csv
import io
import json

import pytest
from pyld import jsonld

from disclosure.models import Section
from portal.publishing import PublicationStatus
from tests.api.world import make_published
from tests.disclosure.factories import DatasetFactory, RecordFactory, add_rows
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 Chrome/156"}
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"


@pytest.fixture
def world(commune, other_commune):
    mine = make_published(commune, "MARKA", code="1.000001")
    make_published(other_commune, "MARKB", code="1.000002")
    RecordFactory(
        tenant=commune,
        section=Section.BUDGET,
        title_vi="Nháp NHAPA",
        status=PublicationStatus.DRAFT,
    )
    return mine


def test_page_lists_every_dataset_with_licence_frequency_formats_and_downloads(
    site_client, commune, world, django_assert_max_num_queries
):
    client = site_client(commune)
    client.get("/", **BROWSER)
    with django_assert_max_num_queries(14):
        response = client.get("/du-lieu-mo/", **BROWSER)
    assert response.status_code == 200
    html = response.content.decode()
    for title in (
        "Công khai ngân sách",
        "Số liệu thống kê",
        "Danh mục thủ tục hành chính",
        "Sổ văn bản quy phạm pháp luật",
        "Danh sách cổng, trang thông tin điện tử",
    ):
        assert title in html
    assert "CC BY 4.0" in html and "Hằng năm" in html and "Hằng ngày" in html
    assert "CSV, JSON, RSS, XLSX" in html or "ATOM, CSV, JSON, RSS, XLSX" in html
    assert 'href="http://xaa.portal.test/du-lieu-mo/van-ban.csv"' in html
    series = world["statistics"]
    assert f"/api/v1/records/{series.pk}/table?scope=subtree&amp;format=csv" in html
    assert 'type="application/ld+json"' in html


def test_page_in_english(site_client, commune, world):
    html = site_client(commune).get("/en/du-lieu-mo/", **BROWSER).content.decode()
    assert "<h1>Open data</h1>" in html
    assert "Administrative procedure catalogue" in html
    assert "lang=en" in html


def _expanded(client, url="/du-lieu-mo/catalog.jsonld"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content), jsonld.expand(json.loads(response.content))


def test_dcat_catalogue_is_json_ld_with_datasets_and_distributions(site_client, commune, world):
    raw, expanded = _expanded(site_client(commune))
    nodes = jsonld.flatten(raw)  # every node, nested ones included
    types = {t for node in nodes for t in node.get("@type", [])}
    assert {DCAT + "Catalog", DCAT + "Dataset", DCAT + "Distribution"} <= types
    catalog = next(n for n in expanded if DCAT + "Catalog" in n["@type"])
    datasets = catalog[DCAT + "dataset"]
    assert len(datasets) == 5
    procedures = next(
        d for d in datasets if d[DCT + "identifier"][0]["@value"] == "thu-tuc-hanh-chinh"
    )
    assert procedures[DCT + "accrualPeriodicity"][0]["@id"].endswith("/frequency/DAILY")
    assert procedures[DCT + "modified"][0]["@type"] == "http://www.w3.org/2001/XMLSchema#dateTime"
    urls = {d[DCAT + "downloadURL"][0]["@id"] for d in procedures[DCAT + "distribution"]}
    assert "http://xaa.portal.test/du-lieu-mo/thu-tuc-hanh-chinh.csv" in urls
    licence = procedures[DCAT + "distribution"][0][DCT + "license"][0]["@id"]
    assert licence == "https://creativecommons.org/licenses/by/4.0/"


def test_dcat_catalogue_in_english(site_client, commune, world):
    raw, _expanded_doc = _expanded(site_client(commune), "/en/du-lieu-mo/catalog.jsonld")
    titles = [d["dct:title"] for d in raw["dcat:dataset"]]
    assert {"@value": "Budget disclosure", "@language": "en"} in titles


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_downloads_hold_this_sites_published_items_only(site_client, commune, world):
    client = site_client(commune)
    DocumentFactory(
        tenant=commune, summary_vi="Nháp NHAPA", status=PublicationStatus.DRAFT, published_at=None
    )
    documents = _csv(client.get("/du-lieu-mo/van-ban.csv"))
    assert documents[0][:4] == ["number", "kind", "type", "summary"]
    assert [row[3] for row in documents[1:]] == ["Văn bản MARKA"]
    procedures = _csv(client.get("/du-lieu-mo/thu-tuc-hanh-chinh.csv"))
    assert [row[0] for row in procedures[1:]] == ["1.000001"]
    assert procedures[1][-1] == "http://xaa.portal.test/thu-tuc-hanh-chinh/1.000001/"
    sites = _csv(client.get("/du-lieu-mo/don-vi.csv"))
    assert [row[0] for row in sites[1:]] == ["xaa"]
    assert client.get("/du-lieu-mo/khong-co.csv").status_code == 404


def test_the_portal_catalogue_covers_the_province(site_client, province, commune, world):
    sites = _csv(site_client(province).get("/du-lieu-mo/don-vi.csv"))
    assert {row[0] for row in sites[1:]} == {"tinh", "xaa", "xab"}
    raw = json.loads(site_client(province).get("/du-lieu-mo/catalog.jsonld").content)
    statistics = next(d for d in raw["dcat:dataset"] if d["dct:identifier"] == "so-lieu-thong-ke")
    assert len(statistics["dcat:distribution"]) == 3 + 2 * 2  # API, RSS, Atom + 2 tables × 2


def test_counts_leave_out_drafts_and_other_sites(site_client, commune, world):
    series = DatasetFactory(
        record=RecordFactory(
            tenant=commune, section=Section.STATISTICS, status=PublicationStatus.DRAFT
        )
    ).record
    add_rows(series, ["2025"], [("Nháp", "người", ["1"])])
    raw = json.loads(site_client(commune).get("/du-lieu-mo/catalog.jsonld").content)
    body = json.dumps(raw, ensure_ascii=False)
    assert f"/records/{series.pk}/" not in body
    assert "MARKB" not in body and "NHAPA" not in body


def test_catalogue_names_match_the_declared_list(commune):
    from opendata.catalogue import CATALOGUE, datasets

    found = [(d.name, d.requirement) for d in datasets(commune, "http://xaa.portal.test")]
    assert found == CATALOGUE


def test_catalogue_page_is_in_the_sitemap(site_client, commune):
    from tests.portal.sitemap_client import sitemap_text

    assert "http://xaa.portal.test/du-lieu-mo/</loc>" in sitemap_text(site_client(commune))
