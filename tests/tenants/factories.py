import factory
from django.contrib.auth import get_user_model

from tenants.models import Domain, Membership, Role, Tenant, TenantKind


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenant
        skip_postgeneration_save = True

    kind = TenantKind.COMMUNE
    slug = factory.Sequence(lambda n: f"site{n}")
    name_vi = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    name_en = factory.Sequence(lambda n: f"Test Commune {n}")
    governing_body_vi = "Ủy ban nhân dân xã"
    responsible_person = "Nguyễn Văn A"
    address_vi = "Thôn 1"
    phone = "0238 000 000"
    email = factory.LazyAttribute(lambda o: f"{o.slug}@example.gov.vn")

    @factory.post_generation
    def hostname(obj, create, extracted, **kwargs):
        if create:
            Domain.objects.create(
                tenant=obj, hostname=extracted or f"{obj.slug}.portal.test", is_primary=True
            )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or "pass-Word-2026")
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    tenant = factory.SubFactory(TenantFactory)
    role = Role.EDITOR
    include_descendants = False
