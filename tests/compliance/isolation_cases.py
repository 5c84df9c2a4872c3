"""Compliance objects in the isolation harness: runs, API consumers, visit statistics."""

from django.utils import timezone

from compliance.models import ApiConsumer, MeasurementRun, VisitDaily
from tests.isolation.harness import IsolationCase


def make_run(tenant, marker):
    return MeasurementRun.objects.create(tenant=tenant, state="done", score=50, error=marker)


def make_consumer(tenant, marker):
    return ApiConsumer.objects.create(tenant=tenant, name=marker, token_hash=marker)


def make_visits(tenant, marker):
    return VisitDaily.objects.create(
        tenant=tenant, day=timezone.localdate(), path=f"/{marker}/", views=5
    )


CASES = [
    IsolationCase(name="compliance-run", make=make_run, admin_model=MeasurementRun),
    IsolationCase(name="compliance-api-consumer", make=make_consumer, admin_model=ApiConsumer),
    IsolationCase(name="compliance-visits", make=make_visits, list_urls=["/thong-ke-truy-cap/"]),
]
