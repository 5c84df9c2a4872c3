"""What the compliance module reads from content: counts and dates per requirement code,
admin pages, stale English copies of the About records, and late articles."""

from datetime import timedelta

import pytest
from django.utils import timezone

from content import stats
from content.models import Alert, Article, ContactOfficial, Leader, Link, LocalityPage, OrgUnit
from portal.publishing import PublicationStatus
from tests.content.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_section_counts_per_requirement_code(commune, other_commune):
    news = CategoryFactory(tenant=commune, kind="news")
    legal = CategoryFactory(tenant=commune, kind="legal_dissemination")
    ArticleFactory(tenant=commune, category=news)
    ArticleFactory(tenant=commune, category=news)
    ArticleFactory(tenant=commune, category=news, status=PublicationStatus.DRAFT, published_at=None)
    ArticleFactory(tenant=commune, category=legal)
    ArticleFactory(tenant=other_commune)
    OrgUnit.objects.create(tenant=commune, name_vi="Văn phòng HĐND và UBND")
    Leader.objects.create(tenant=commune, name="Trần Văn Minh", title_vi="Chủ tịch UBND")
    LocalityPage.objects.create(tenant=commune, kind="nature", title_vi="Điều kiện tự nhiên")
    Link.objects.create(tenant=commune, title_vi="Đảng ủy xã", url="https://example.vn/")
    assert stats.section_counts(commune) == {
        "B5": 1, "B13": 2, "B14": 1, "B15": 2, "B16": 1, "B18": 0,
    }  # fmt: skip
    Alert.objects.create(tenant=commune, message_vi="Bão số 5", starts_at=timezone.now())
    assert stats.section_counts(commune)["B18"] == 1


def test_last_updated_and_admin_urls(commune):
    news = CategoryFactory(tenant=commune, kind="press_releases")
    at = timezone.now() - timedelta(days=3)
    ArticleFactory(tenant=commune, category=news, published_at=at)
    unit = OrgUnit.objects.create(tenant=commune, name_vi="Văn phòng")
    dates = stats.last_updated(commune)
    assert dates["B15"] == at and dates["B13"] == unit.vi_updated_at
    assert "B5" not in dates
    assert stats.section_admin_url("B15") == "/admin/content/article/"
    assert stats.section_admin_url("B13") == "/admin/content/orgunit/"
    assert stats.section_admin_url("B4") == ""


def test_english_copy_is_stale_after_the_vietnamese_changes(commune):
    contact = ContactOfficial.objects.create(
        tenant=commune, name="Lê Thị Hoa", title_vi="Văn phòng", title_en="Office"
    )
    OrgUnit.objects.create(tenant=commune, name_vi="Văn phòng", name_en="Office")
    assert stats.stale_translations(commune) == []
    contact.title_vi = "Chánh Văn phòng"
    contact.save()
    (stale,) = stats.stale_translations(commune)
    assert stale["title"] == str(contact)
    assert stale["admin_url"] == f"/admin/content/contactofficial/{contact.pk}/change/"


def test_late_articles_are_counted_in_working_days(commune, other_commune):
    category = CategoryFactory(tenant=commune, kind="news")
    on_time = ArticleFactory(tenant=commune, category=category, title_vi="Đúng hạn")
    late = ArticleFactory(tenant=commune, category=category, title_vi="Đăng muộn")
    waiting = ArticleFactory(
        tenant=commune, category=category, title_vi="Chờ duyệt", status=PublicationStatus.PENDING
    )
    ArticleFactory(tenant=other_commune, title_vi="Đơn vị khác")
    now = timezone.now()
    written = now - timedelta(days=30)
    Article.objects.filter(pk=on_time.pk).update(created_at=written, published_at=written)
    Article.objects.filter(pk__in=[late.pk, waiting.pk]).update(created_at=written)
    Article.objects.filter(tenant=other_commune).update(created_at=written)
    found = stats.late_records([commune.pk], timezone.localdate() - timedelta(days=60))
    assert [r["title"] for r in found] == ["Đăng muộn", "Chờ duyệt"]
    assert found[0]["section"] == "B15" and found[0]["day_kind"] == "working"
    assert found[0]["days_late"] >= 10  # 30 calendar days minus 5 working days
    assert found[1]["published_on"] is None
    assert stats.late_records([commune.pk], timezone.localdate()) == []
