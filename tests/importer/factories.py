import factory

from importer.models import ImportRun, SourceProfile


class SourceProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceProfile

    name = factory.Sequence(lambda n: f"Cổng cũ {n}")
    slug = factory.Sequence(lambda n: f"cong-cu-{n}")
    base_url = "http://127.0.0.1:9/"
    sources = factory.LazyFunction(
        lambda: [{"url": "/tin-tuc/", "category": "tin-tuc", "kind": "article"}]
    )
    delay_seconds = 0


class ImportRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportRun

    profile = factory.LazyAttribute(lambda o: SourceProfileFactory(tenant=o.tenant))
    dry_run = True
