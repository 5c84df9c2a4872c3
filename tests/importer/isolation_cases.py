from importer.models import ImportRun, SourceProfile
from tests.isolation.harness import IsolationCase

from .factories import ImportRunFactory, SourceProfileFactory


def make_profile(tenant, marker):
    return SourceProfileFactory(tenant=tenant, name=marker)


def make_run(tenant, marker):
    return ImportRunFactory(tenant=tenant, report=marker)


CASES = [
    IsolationCase(name="import-profile", make=make_profile, admin_model=SourceProfile),
    IsolationCase(name="import-run", make=make_run, admin_model=ImportRun),
]
