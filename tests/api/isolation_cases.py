"""The public API in the isolation harness (tests/isolation): an item of every kind made on
one site shows in that site's API lists and details only — never on another site's host.

The makers are the HTML pages' own (each app's isolation_cases), so the API is held to
exactly the objects the pages are."""

from disclosure.models import Section
from tests.api.world import make_notice
from tests.content.isolation_cases import make_article, make_category
from tests.dialogue.isolation_cases import make_hotline, make_published_qa, make_session
from tests.disclosure.isolation_cases import _maker
from tests.documents.isolation_cases import make_consultation, make_document
from tests.isolation.harness import IsolationCase
from tests.procedures.isolation_cases import make_procedure

API_ONLY = ("",)  # the API chooses its language by ?lang=, not by an /en/ prefix


def _both_languages(path: str) -> list[str]:
    return [path, f"{path}?lang=en"]


def _api(name: str, make, list_path: str, detail=None, list_urls=None) -> IsolationCase:
    return IsolationCase(
        name=f"api-{name}",
        make=make,
        detail_urls=detail or (lambda obj: ()),
        list_urls=list_urls or [f"{list_path}?limit=100", f"{list_path}?limit=100&scope=subtree"],
        languages=API_ONLY,
    )


CASES = [
    _api(
        "article",
        make_article,
        "/api/v1/articles",
        lambda obj: _both_languages(f"/api/v1/articles/{obj.pk}"),
        [
            "/api/v1/articles?limit=100",
            "/api/v1/articles?limit=100&scope=subtree&lang=en",
            "/api/v1/articles?featured=true&limit=100",
        ],
    ),
    _api("category", make_category, "/api/v1/categories"),
    _api(
        "document",
        make_document,
        "/api/v1/documents",
        lambda obj: _both_languages(f"/api/v1/documents/{obj.pk}"),
    ),
    _api(
        "consultation",
        make_consultation,
        "/api/v1/consultations",
        lambda obj: _both_languages(f"/api/v1/consultations/{obj.pk}"),
    ),
    _api(
        "procedure",
        make_procedure,
        "/api/v1/procedures",
        lambda obj: _both_languages(f"/api/v1/procedures/{obj.code}"),
    ),
    _api(
        "record",
        _maker(Section.BUDGET),
        "/api/v1/records",
        lambda obj: _both_languages(f"/api/v1/records/{obj.pk}"),
    ),
    _api(
        "statistics",
        _maker(Section.STATISTICS),
        "/api/v1/statistics",
        lambda obj: [
            *_both_languages(f"/api/v1/statistics/{obj.pk}"),
            f"/api/v1/records/{obj.pk}/table",
            f"/api/v1/records/{obj.pk}/table?format=csv",
        ],
    ),
    _api(
        "question",
        make_published_qa,
        "/api/v1/questions",
        lambda obj: [f"/api/v1/questions/{obj.pk}"],
    ),
    _api(
        "dialogue-session",
        make_session,
        "/api/v1/dialogue-sessions",
        lambda obj: _both_languages(f"/api/v1/dialogue-sessions/{obj.pk}"),
    ),
    _api("hotline", make_hotline, "/api/v1/hotlines"),
    _api(
        "downtime-notice",
        lambda tenant, marker: make_notice(tenant, f"Bảo trì {marker}"),
        "/api/v1/downtime-notices",
        list_urls=[
            "/api/v1/downtime-notices?limit=100",
            "/api/v1/downtime-notices?limit=100&scope=subtree&lang=en",
        ],
    ),
]
