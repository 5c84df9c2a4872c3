"""The load-test data set command: communes with domains and bulk articles."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from content.models import Article
from tenants.models import Domain, Tenant


def test_seed_load_adds_communes_with_domains_and_articles_under_the_province(province):
    call_command("seed_load", communes=3, articles=4, prefix="xathu")
    communes = Tenant.objects.filter(slug__startswith="xathu").order_by("slug")
    assert [c.slug for c in communes] == ["xathu001", "xathu002", "xathu003"]
    assert all(c.parent_id == province.pk for c in communes)
    assert Domain.objects.get(hostname="xathu002.localhost", is_primary=True).tenant.slug == (
        "xathu002"
    )
    assert Article.objects.filter(tenant__in=communes).published().count() == 12


def test_seed_load_run_twice_reuses_the_sites(province):
    call_command("seed_load", communes=2, articles=1, prefix="xathu")
    call_command("seed_load", communes=2, articles=1, prefix="xathu")
    assert Tenant.objects.filter(slug__startswith="xathu").count() == 2
    assert Domain.objects.filter(hostname__startswith="xathu").count() == 2


def test_seed_load_needs_a_province(db):
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("seed_load", communes=1, articles=1)
