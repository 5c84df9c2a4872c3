from tenants.models import Domain, Membership, Role, Tenant
from tests.isolation.harness import IsolationCase
from tests.tenants.factories import UserFactory


def make_site_text(tenant, marker):
    tenant.introduction_vi = f"Giới thiệu {marker}"
    tenant.introduction_en = f"About {marker}"
    tenant.save()
    return tenant


def make_domain(tenant, marker):
    return Domain.objects.create(tenant=tenant, hostname=f"{marker.lower()}.portal.test")


def make_membership(tenant, marker):
    return Membership.objects.create(
        tenant=tenant, user=UserFactory(username=marker), role=Role.EDITOR
    )


CASES = [
    IsolationCase(
        name="tenant-pages",
        make=make_site_text,
        list_urls=["/", "/gioi-thieu/"],
    ),
    IsolationCase(name="domain", make=make_domain, admin_model=Domain),
    IsolationCase(name="membership", make=make_membership, admin_model=Membership),
]


def make_tenant_record(tenant, marker):
    tenant.short_name_vi = marker
    tenant.save()
    return tenant


CASES.append(IsolationCase(name="tenant-record", make=make_tenant_record, admin_model=Tenant))
