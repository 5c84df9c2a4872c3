"""Demo data and the bulk generator."""

import io

import pytest
from django.core.management import call_command

from content.models import Article

pytestmark = pytest.mark.django_db


def test_seed_bulk_creates_published_articles_that_list_and_open(commune, site_client):
    call_command("seed_bulk", articles=45, tenant=commune.slug, batch=20, stdout=io.StringIO())
    assert Article.objects.for_tenant(commune).published().count() == 45
    client = site_client(commune)
    html = client.get("/tin-tuc/").content.decode()
    assert html.count('class="card"') == 20 and "Tin cũ hơn" in html
    one = Article.objects.for_tenant(commune).first()
    assert client.get(f"/tin-tuc/{one.slug}/").status_code == 200
