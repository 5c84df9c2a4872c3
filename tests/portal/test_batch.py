"""Several querysets read in one statement (portal/batch.py) give what reading each would."""

from datetime import timedelta

import pytest
from django.db.models import Exists, OuterRef, Value
from django.utils import timezone, translation

from content.models import Article, ArticleAttachment, Category
from portal.batch import fetch_together
from tenants.models import Tenant
from tests.content.factories import ArticleFactory, CategoryFactory


@pytest.fixture
def articles(commune, other_commune):
    news = CategoryFactory(tenant=commune, name_vi="Tin tức", name_en="News", slug="tin-tuc")
    there = CategoryFactory(tenant=other_commune, name_vi="Tin", name_en="", slug="tin")
    now = timezone.now()
    return [
        ArticleFactory(tenant=commune, category=news, title_vi="Hội nghị", title_en="Meeting"),
        ArticleFactory(
            tenant=commune,
            category=news,
            title_vi="Lễ hội 'xuân'",
            published_at=now - timedelta(days=2),
        ),
        ArticleFactory(tenant=other_commune, category=there, title_vi="Ở xã khác"),
    ]


def _fields(obj, names):
    return {name: getattr(obj, name) for name in names}


def test_model_rows_with_annotations_are_the_rows_read_alone(
    commune, articles, django_assert_num_queries
):
    queryset = (
        Article.objects.for_tenant(commune)
        .annotate(
            has_files=Exists(ArticleAttachment.objects.filter(article=OuterRef("pk"))),
            label=Value("x"),
        )
        .order_by("-published_at", "-id")
    )
    categories = Category.objects.for_tenant(commune).order_by("tree_id", "lft")
    with django_assert_num_queries(1):
        found = fetch_together({"articles": queryset, "categories": categories})
    expected = list(queryset)
    names = [f.attname for f in Article._meta.concrete_fields] + ["has_files", "label"]
    assert [_fields(a, names) for a in found["articles"]] == [_fields(a, names) for a in expected]
    assert {a.tenant_id for a in found["articles"]} == {commune.pk}  # the queryset's scope
    assert found["articles"][0].published_at.tzinfo is not None
    assert [c.pk for c in found["categories"]] == [c.pk for c in categories]
    with translation.override("en"):
        assert found["categories"][0].name == "News"
    assert found["articles"][0]._state.adding is False  # as loaded by Django


def test_values_rows_and_an_empty_part(commune, articles, django_assert_num_queries):
    values = (
        Article.objects.for_tenant(commune)
        .values("pk", "title_vi", "published_at", "tenant__tree_id")
        .order_by("pk")
    )
    with django_assert_num_queries(1):
        found = fetch_together(
            {
                "values": values,
                "nothing": Tenant.objects.filter(pk__in=[]),
                "none_found": Tenant.objects.filter(slug="khong-co"),
            }
        )
    assert found["values"] == list(values)
    assert found["nothing"] == [] and found["none_found"] == []


def test_nothing_to_read_costs_no_query(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert fetch_together({"nothing": Tenant.objects.none()}) == {"nothing": []}


def test_what_it_cannot_give_as_iterating_would_is_refused(db):
    with pytest.raises(ValueError, match="select_related"):
        fetch_together({"articles": Article.objects.select_related("category")})
    with pytest.raises(ValueError, match="translated"):
        fetch_together({"titles": Article.objects.values("title")})  # a language fallback
    with pytest.raises(ValueError, match="values"):
        fetch_together({"ids": Article.objects.values_list("pk", flat=True)})


def test_json_decimal_float_and_date_columns_come_back_as_read_alone(commune):
    from datetime import date
    from decimal import Decimal

    from compliance.models import Indicator, VisitDaily

    Indicator.objects.create(
        code="T1",
        name="Thử",
        axis="A",
        legal_basis="Nghị định",
        check_key="k",
        applies_to=["commune"],
        params={"giây": 1.5, "list": [1, "a"]},
        weight=Decimal("2.25"),
        threshold_pass=0.1,
    )
    VisitDaily.objects.create(tenant=commune, day=date(2026, 2, 28), path="/", views=7)
    indicators = Indicator.objects.filter(code="T1")
    visits = VisitDaily.objects.for_tenant(commune).values("day", "views")
    found = fetch_together({"indicators": indicators, "visits": visits})
    fields = [f.attname for f in Indicator._meta.concrete_fields]
    assert [_fields(i, fields) for i in found["indicators"]] == [
        _fields(i, fields) for i in indicators
    ]
    assert isinstance(found["indicators"][0].weight, Decimal)  # not a float
    assert found["visits"] == list(visits) == [{"day": date(2026, 2, 28), "views": 7}]
