"""Host header → site: known, unknown, inactive, port, case, IPv6, malformed."""

import pytest
from django.test import Client

from tenants.models import Domain
from tests.tenants.factories import TenantFactory

pytestmark = pytest.mark.django_db


def get(host, path="/"):
    return Client(HTTP_HOST=host).get(path)


def test_known_host_serves_its_own_site(province, commune):
    response = get("xaa.portal.test")
    assert response.status_code == 200
    assert "Xã An Bình" in response.content.decode()
    assert "Tỉnh Thử Nghiệm" in response.content.decode()  # the parent portal, in the header


def test_unknown_host_is_404_and_never_the_provincial_portal(province):
    response = get("unknown.example.org")
    assert response.status_code == 404
    assert "Tỉnh Thử Nghiệm" not in response.content.decode()


def test_inactive_site_is_404(province):
    site = TenantFactory(parent=province, slug="closed", is_active=False)
    assert get("closed.portal.test").status_code == 404
    site.is_active = True
    site.save()
    assert get("closed.portal.test").status_code == 200


def test_port_is_ignored_and_host_is_case_insensitive(province):
    assert get("PORTAL.Test:8000").status_code == 200
    assert get("portal.test.").status_code == 200


def test_ipv6_literal_host_resolves(province):
    Domain.objects.create(tenant=province, hostname="[::1]")
    assert get("[::1]:8000").status_code == 200
    assert get("[::1]").status_code == 200


def test_malformed_host_is_a_branded_400_not_a_500(province):
    for host in ("bad host", "a..b/c", "[::1", "exa mple.com:80"):
        response = get(host)
        assert response.status_code == 400, host
        assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_resolution_is_cached_and_invalidated_by_a_domain_change(
    province, django_assert_num_queries
):
    get("portal.test")
    with django_assert_num_queries(0):
        from tenants.resolution import resolve_host

        assert resolve_host("portal.test").tenant == province
    Domain.objects.filter(hostname="portal.test").update(hostname="new.portal.test")
    Domain.objects.get(hostname="new.portal.test").save()  # signal bumps the tree version
    assert get("portal.test").status_code == 404
    assert get("new.portal.test").status_code == 200


def test_old_domain_redirects_permanently_to_the_primary_one(province):
    Domain.objects.create(tenant=province, hostname="old.portal.test", redirect_to_primary=True)
    response = get("old.portal.test:8000", "/gioi-thieu/?x=1")
    assert response.status_code == 301
    assert response["Location"] == "http://portal.test:8000/gioi-thieu/?x=1"


def test_health_check_answers_on_any_host(db):
    response = get("10.0.0.5:8000", "/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
