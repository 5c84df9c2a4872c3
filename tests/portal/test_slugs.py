"""One slug strategy for every model with a slug (portal/slugs.py): folded title, then -2, -3…"""

import pytest

from content.models import Category, LocalityPage
from content.models.about import LocalityKind
from portal.slugs import unique_slug
from tests.content.factories import ArticleFactory, CategoryFactory
from tests.disclosure.factories import RecordFactory

pytestmark = pytest.mark.django_db


def test_same_title_on_one_site_gets_numbered_slugs(commune, other_commune):
    first = ArticleFactory(tenant=commune, title_vi="Họp báo quý I")
    second = ArticleFactory(tenant=commune, title_vi="Họp báo quý I")
    third = ArticleFactory(tenant=commune, title_vi="Họp báo quý I")
    elsewhere = ArticleFactory(tenant=other_commune, title_vi="Họp báo quý I")
    assert [first.slug, second.slug, third.slug] == [
        "hop-bao-quy-i",
        "hop-bao-quy-i-2",
        "hop-bao-quy-i-3",
    ]
    assert elsewhere.slug == "hop-bao-quy-i"


def test_categories_and_about_pages_no_longer_clash(commune):
    one = Category.objects.create(tenant=commune, name_vi="Tin tức")
    two = Category.objects.create(tenant=commune, name_vi="Tin tức")
    assert (one.slug, two.slug) == ("tin-tuc", "tin-tuc-2")
    kind = LocalityKind.CULTURE
    page = LocalityPage.objects.create(tenant=commune, kind=kind, title_vi="Lịch sử")
    again = LocalityPage.objects.create(tenant=commune, kind=kind, title_vi="Lịch sử")
    assert (page.slug, again.slug) == ("lich-su", "lich-su-2")


def test_disclosure_records_use_the_same_numbering(commune):
    first = RecordFactory(tenant=commune, title_vi="Kế hoạch năm 2026")
    second = RecordFactory(tenant=commune, title_vi="Kế hoạch năm 2026")
    assert (first.slug, second.slug) == ("ke-hoach-nam-2026", "ke-hoach-nam-2026-2")


def test_a_typed_slug_is_kept_and_resaving_keeps_its_own(commune):
    category = CategoryFactory(tenant=commune, slug="chuyen-muc-rieng")
    assert category.slug == "chuyen-muc-rieng"
    assert unique_slug(category, "Chuyên mục riêng", fallback="x") == "chuyen-muc-rieng"


def test_long_titles_stay_within_the_field_and_empty_ones_fall_back(commune):
    title = "Thông báo " * 30
    first = RecordFactory(tenant=commune, title_vi=title)
    second = RecordFactory(tenant=commune, title_vi=title)
    assert len(first.slug) <= 100 and len(second.slug) <= 100
    assert second.slug.endswith("-2") and second.slug != first.slug
    assert Category.objects.create(tenant=commune, name_vi="!!!").slug == "chuyen-muc"
