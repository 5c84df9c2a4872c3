"""The demo's news: enough of every workflow state for a newcomer to try each screen."""

import pytest

from content.models import Article, SiteHero, Syndication, SyndicationStatus
from portal.publishing import PublicationStatus

pytestmark = pytest.mark.django_db


def test_seed_demo_content_is_complete(demo):
    assert Article.objects.count() >= 40
    assert Article.objects.filter(status=PublicationStatus.PENDING).exists()
    assert Article.objects.filter(status=PublicationStatus.SCHEDULED).exists()
    assert Article.objects.exclude(title_en__isnull=True).exclude(title_en="").count() >= 5
    assert Syndication.objects.filter(status=SyndicationStatus.PROPOSED).exists()
    assert Syndication.objects.filter(status=SyndicationStatus.ACCEPTED).exists()
    assert not Article.objects.filter(
        cover__isnull=True, status=PublicationStatus.PUBLISHED
    ).exists()


def test_demo_headlines_read_like_a_real_portal(demo):
    """No "<site>:" before every headline, and each site has news of its own."""
    published = Article.objects.filter(status=PublicationStatus.PUBLISHED).select_related("tenant")
    for article in published:
        for name in {article.tenant.name, article.tenant.short_name} - {""}:
            assert not article.title_vi.startswith(f"{name}:"), article.title_vi
        if article.title_en and article.tenant.name_en:
            assert not article.title_en.startswith(f"{article.tenant.name_en}:")
    titles = list(published.values_list("title_vi", flat=True))
    assert len(set(titles)) == len(titles)  # no headline repeated from one site to another


def test_demo_sites_have_a_home_page_picture_with_alt_text_and_renditions(demo):
    heroes = list(SiteHero.objects.select_related("image", "tenant"))
    assert {hero.tenant.slug for hero in heroes} >= {"sonlam", "xahoabinh", "sotaichinh"}
    for hero in heroes:
        assert hero.image.alt_vi and hero.image.alt_en and hero.image.renditions
