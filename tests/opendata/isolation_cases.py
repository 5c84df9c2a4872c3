"""The open-data files and the CKAN API in the isolation harness (tests/isolation): what one
site publishes is in its own downloads and catalogue, never in another site's."""

from disclosure.models import Section
from tests.disclosure.isolation_cases import _maker
from tests.documents.isolation_cases import make_document
from tests.isolation.harness import IsolationCase
from tests.procedures.isolation_cases import make_procedure

CASES = [
    IsolationCase(
        name="opendata-document",
        make=make_document,
        list_urls=["/du-lieu-mo/van-ban.csv"],
    ),
    IsolationCase(
        name="opendata-procedure",
        make=make_procedure,
        list_urls=["/du-lieu-mo/thu-tuc-hanh-chinh.csv"],
    ),
    IsolationCase(
        name="opendata-statistics-table",
        make=_maker(Section.STATISTICS),
        list_urls=[
            "/du-lieu-mo/",
            "/du-lieu-mo/catalog.jsonld",
        ],
    ),
    IsolationCase(
        name="opendata-ckan",
        make=_maker(Section.STATISTICS),
        list_urls=[
            "/api/3/action/package_show?id=so-lieu-thong-ke",
            "/api/3/action/package_search?rows=10",
        ],
        languages=("",),  # CKAN's API has no language prefix
    ),
]
