"""Demo data and the bulk generator."""

import io

import pytest
from django.core.management import call_command

from content.models import Article, Syndication, SyndicationStatus
from portal.publishing import Status

pytestmark = pytest.mark.django_db


def test_seed_bulk_creates_published_articles_that_list_and_open(commune, site_client):
    call_command("seed_bulk", articles=45, tenant=commune.slug, batch=20, stdout=io.StringIO())
    assert Article.objects.for_tenant(commune).published().count() == 45
    client = site_client(commune)
    html = client.get("/tin-tuc/").content.decode()
    assert html.count('class="card"') == 20 and "Tin cũ hơn" in html
    one = Article.objects.for_tenant(commune).first()
    assert client.get(f"/tin-tuc/{one.slug}/").status_code == 200


def test_seed_demo_content_is_complete_and_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=io.StringIO())
    count = Article.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Article.objects.count() == count >= 40
    assert Article.objects.filter(status=Status.PENDING).exists()
    assert Article.objects.filter(status=Status.SCHEDULED).exists()
    assert Article.objects.exclude(title_en__isnull=True).exclude(title_en="").count() >= 5
    assert Syndication.objects.filter(status=SyndicationStatus.PROPOSED).exists()
    assert Syndication.objects.filter(status=SyndicationStatus.ACCEPTED).exists()
    assert not Article.objects.filter(cover__isnull=True, status=Status.PUBLISHED).exists()
