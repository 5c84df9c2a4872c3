"""A site administrator's hostname outside the province's suffixes waits for approval and
serves nothing; under a suffix it serves at once; the editorial board approves."""

import pytest
from django.test import Client
from django.urls import reverse

from tenants.models import Domain

ADD_URL = "admin:tenants_domain_add"


@pytest.fixture(autouse=True)
def _suffixes(settings):
    settings.HOSTNAME_SUFFIXES = ["portal.test"]


def _add_hostname(client, tenant, hostname):
    return client.post(
        reverse(ADD_URL),
        {"tenant": tenant.pk, "hostname": hostname, "_save": "1"},
        follow=True,
    )


def _serves(hostname) -> int:
    return Client(HTTP_HOST=hostname).get("/").status_code


def test_off_suffix_hostname_stays_pending_and_serves_404(commune, commune_site_admin, site_client):
    response = _add_hostname(site_client(commune, commune_site_admin), commune, "www.tinh.gov.vn")
    assert "đang chờ Ban Biên tập" in response.content.decode()
    domain = Domain.objects.get(hostname="www.tinh.gov.vn")
    assert domain.tenant == commune and not domain.is_approved
    assert _serves("www.tinh.gov.vn") == 404


@pytest.mark.parametrize("hostname", ["portal.test", "www.portal.test", "other.gov.vn"])
def test_the_suffix_itself_its_www_and_foreign_domains_need_approval(
    hostname, commune, commune_site_admin, site_client, province
):
    Domain.objects.filter(hostname=hostname).delete()  # the province's own apex
    _add_hostname(site_client(commune, commune_site_admin), commune, hostname)
    assert Domain.objects.get(hostname=hostname).is_approved is False
    assert _serves(hostname) == 404


def test_hostname_under_a_suffix_serves_at_once_normalised(
    commune, commune_site_admin, site_client
):
    _add_hostname(site_client(commune, commune_site_admin), commune, "XaMoi.Portal.Test.")
    domain = Domain.objects.get(hostname="xamoi.portal.test")
    assert domain.is_approved
    assert _serves("xamoi.portal.test") == 200


@pytest.mark.parametrize(
    ("hostname", "message"),
    [
        ("10.0.0.7", "Không dùng địa chỉ IP"),
        ("[::1]", "Không dùng địa chỉ IP"),
        ("xã.portal.test", "chữ thường không dấu"),
    ],
)
def test_ip_literals_and_unencoded_idn_are_refused_with_a_message(
    hostname, message, commune, commune_site_admin, site_client
):
    before = Domain.objects.count()
    response = _add_hostname(site_client(commune, commune_site_admin), commune, hostname)
    assert message in response.content.decode()
    assert Domain.objects.count() == before


def test_renaming_an_approved_hostname_off_suffix_makes_it_pending(
    commune, commune_site_admin, site_client
):
    domain = Domain.objects.create(tenant=commune, hostname="cu.portal.test")
    client = site_client(commune, commune_site_admin)
    client.post(
        reverse("admin:tenants_domain_change", args=[domain.pk]),
        {"tenant": commune.pk, "hostname": "xaanbinh.example.org", "_save": "1"},
    )
    domain.refresh_from_db()
    assert domain.hostname == "xaanbinh.example.org" and not domain.is_approved
    assert _serves("xaanbinh.example.org") == 404


def test_editorial_board_approves_and_the_host_then_serves(
    commune, commune_site_admin, board_member, site_client, province
):
    _add_hostname(site_client(commune, commune_site_admin), commune, "anbinh.example.org")
    domain = Domain.objects.get(hostname="anbinh.example.org")
    admin_client = site_client(commune, commune_site_admin)
    admin_client.post(
        reverse("admin:tenants_domain_changelist"),
        {"action": "approve_selected", "_selected_action": [domain.pk]},
    )
    domain.refresh_from_db()
    assert not domain.is_approved  # a site administrator cannot approve
    board = site_client(province, board_member)
    board.post(
        reverse("admin:tenants_domain_changelist"),
        {"action": "approve_selected", "_selected_action": [domain.pk]},
    )
    domain.refresh_from_db()
    assert domain.is_approved and domain.approved_by == board_member
    assert _serves("anbinh.example.org") == 200


def test_a_superusers_hostnames_are_approved_as_they_add_them(
    commune, superuser, site_client, province
):
    _add_hostname(site_client(province, superuser), commune, "anbinh.gov.vn")
    assert Domain.objects.get(hostname="anbinh.gov.vn").is_approved
