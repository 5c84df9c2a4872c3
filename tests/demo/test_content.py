"""The demo's news: enough of every workflow state for a newcomer to try each screen."""

import pytest

from content.models import Article, Syndication, SyndicationStatus
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
