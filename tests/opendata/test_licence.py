"""One open-data licence (portal/licence.py), the same wherever a machine or a person reads
what the data may be used for: the open-data page, DCAT-AP, CKAN and the read API."""

import re

import pytest

from portal.licence import OPEN_DATA_LICENCE

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 Chrome/156"}
URL = OPEN_DATA_LICENCE.url


def test_every_channel_states_the_same_licence(site_client, commune):
    client = site_client(commune)
    page = client.get("/du-lieu-mo/", **BROWSER).content.decode()
    assert f'<a href="{URL}" rel="license">{OPEN_DATA_LICENCE.title}</a>' in page

    catalog = client.get("/du-lieu-mo/catalog.jsonld").json()
    assert catalog["dct:license"] == {"@id": URL}
    distributions = [d for s in catalog["dcat:dataset"] for d in s["dcat:distribution"]]
    assert distributions and {d["dct:license"]["@id"] for d in distributions} == {URL}

    package = client.get("/api/3/action/package_show?id=van-ban").json()["result"]
    assert (package["license_id"], package["license_url"]) == (OPEN_DATA_LICENCE.id, URL)
    licences = client.get("/api/3/action/license_list").json()["result"]
    assert licences == [{"id": OPEN_DATA_LICENCE.id, "title": OPEN_DATA_LICENCE.title, "url": URL}]

    index = client.get("/api/v1/")
    assert index.json()["license"] == OPEN_DATA_LICENCE.as_dict()
    assert index["Link"] == f'<{URL}>; rel="license"'
    assert client.get("/api/v1/articles")["Link"] == f'<{URL}>; rel="license"'
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["license"] == {"name": OPEN_DATA_LICENCE.title, "url": URL}


def test_the_licence_is_written_in_one_place():
    """No second copy of the licence's URL or id in the code that publishes data."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    copies = [
        str(path.relative_to(root))
        for app in ("api", "opendata", "disclosure", "documents", "portal", "templates")
        for path in (root / app).rglob("*")
        if path.suffix in (".py", ".html", ".json")
        and "static" not in path.parts
        and re.search(r"creativecommons\.org/licenses|\"cc-by\"", path.read_text("utf-8"))
    ]
    assert copies == ["portal/licence.py"], copies
