from procedures.models import Procedure, SyncRun, SyncSource
from tests.isolation.harness import IsolationCase
from tests.procedures.factories import SyncSourceFactory, import_records, record


def make_procedure(tenant, marker):
    """A procedure implemented by `tenant` only, from that tenant's own source."""
    source = SyncSourceFactory(tenant=tenant)
    import_records(
        source,
        record(code=marker[-8:], name=f"Thủ tục {marker}", name_en=f"Procedure {marker}",
               tenants=[tenant.slug]),
    )  # fmt: skip
    return Procedure.objects.get(source=source)


def make_source(tenant, marker):
    return SyncSourceFactory(tenant=tenant, name=marker)


def make_run(tenant, marker):
    source = SyncSourceFactory(tenant=tenant, name=marker)
    import_records(source, record(code="1.1", tenants=[tenant.slug]))
    return SyncRun.objects.get(source=source)


CASES = [
    IsolationCase(
        name="procedure",
        make=make_procedure,
        detail_urls=lambda p: [
            f"/thu-tuc-hanh-chinh/{p.code}/",
            f"/thu-tuc-hanh-chinh/{p.code}/ban-in/",
        ],
        list_urls=["/thu-tuc-hanh-chinh/", "/thu-tuc-hanh-chinh/?q=thu+tuc"],
        admin_model=Procedure,
    ),
    IsolationCase(name="procedure-source", make=make_source, admin_model=SyncSource),
    IsolationCase(name="procedure-sync-run", make=make_run, admin_model=SyncRun),
]
