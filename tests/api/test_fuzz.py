"""Schemathesis fuzzes the whole published schema (/api/v1/openapi.json) against the live
test server: valid and invalid inputs for every operation, a fixed seed, bounded in examples
and time. No answer may be a 5xx or break the schema (status, content type, headers, body)."""

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.world import make_drafts, make_published
from tests.tenants.factories import TenantFactory

EXAMPLES = 12  # per operation and generation mode
TIME_BUDGET = 45.0  # seconds for the whole run; the rest of the examples is skipped
SEED = 20261204
HOST = "xafuzz.portal.test"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def fuzzed_site(live_server, settings, transactional_db):
    settings.API_ANON_RATE_PER_MINUTE = 1_000_000
    site = TenantFactory(slug="xafuzz", hostname=HOST, name_en="Fuzz Commune")
    other = TenantFactory(parent=site.parent, slug="xafuzzb", hostname="xafuzzb.portal.test")
    make_published(site, "FUZZA", code="1.000777")
    make_drafts(site, "NHAP")
    make_published(other, "FUZZB", code="1.000778")
    return live_server.url


def _fuzz(operation, mode, base_url: str, started: float, summary: dict) -> None:
    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        if time.monotonic() - started > TIME_BUDGET:
            summary["skipped"] += 1
            return
        response = case.call(base_url=base_url, headers={"Host": HOST}, timeout=10)
        summary["examples"] += 1
        summary["statuses"][response.status_code] = (
            summary["statuses"].get(response.status_code, 0) + 1
        )
        try:
            case.validate_response(response, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as failure:  # noqa: BLE001 - reported at the end
            summary["failures"].append(f"{operation.label} [{mode.value}]: {failure}"[:1500])

    began = time.monotonic()
    run()
    summary["timings"].append((round(time.monotonic() - began, 1), operation.label, mode.value))


def test_the_whole_schema_survives_fuzzing(fuzzed_site):
    schema = schemathesis.openapi.from_url(
        f"{fuzzed_site}/api/v1/openapi.json", headers={"Host": HOST}
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    summary = {"examples": 0, "skipped": 0, "failures": [], "statuses": {}, "timings": []}
    started = time.monotonic()
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, fuzzed_site, started, summary)
    elapsed = time.monotonic() - started
    print(
        f"\nschemathesis: {len(operations)} operations, {summary['examples']} examples "
        f"({summary['skipped']} skipped over the time budget), "
        f"{len(summary['failures'])} failures, statuses {sorted(summary['statuses'].items())}, "
        f"{elapsed:.1f} s"
    )
    print("slowest:", sorted(summary["timings"], reverse=True)[:5])
    assert len(operations) >= 20
    assert summary["examples"] >= 100  # even on a loaded machine
    assert not summary["failures"], "\n\n".join(summary["failures"][:10])
