"""The admin shows and changes only the user's sites, whatever host it is opened on."""

import pytest
from django.urls import reverse

from tenants.admin_scoping import WORKING_TENANT_SESSION_KEY
from tenants.models import Domain, Membership, Role, Tenant
from tests.tenants.factories import UserFactory

pytestmark = pytest.mark.django_db


def tenant_change_url(tenant):
    return reverse("admin:tenants_tenant_change", args=[tenant.pk])


def test_commune_editor_sees_only_their_commune_on_any_host(
    client, commune, other_commune, commune_editor
):
    client.force_login(commune_editor)
    for host in ("portal.test", "xab.portal.test", "xaa.portal.test"):
        page = client.get(reverse("admin:tenants_tenant_changelist"), HTTP_HOST=host)
        assert page.status_code == 200
        text = page.content.decode()
        assert "Xã An Bình" in text
        assert "Xã Bình Minh" not in text


def test_admin_header_names_the_tenant(client, commune, commune_editor):
    client.force_login(commune_editor)
    page = client.get(reverse("admin:index"), HTTP_HOST="xaa.portal.test")
    assert "Quản trị — Xã An Bình" in page.content.decode()


def test_commune_site_admin_cannot_edit_province_record(
    client, province, commune, commune_site_admin
):
    client.force_login(commune_site_admin)
    assert client.get(tenant_change_url(province), HTTP_HOST="portal.test").status_code == 403
    response = client.post(
        tenant_change_url(province), {"name_vi": "Hacked"}, HTTP_HOST="portal.test"
    )
    assert response.status_code == 403
    province.refresh_from_db()
    assert province.name_vi == "Tỉnh Thử Nghiệm"


def test_forged_post_cannot_move_a_domain_to_another_site(
    client, commune, other_commune, commune_site_admin
):
    domain = Domain.objects.create(tenant=commune, hostname="extra.portal.test")
    client.force_login(commune_site_admin)
    url = reverse("admin:tenants_domain_change", args=[domain.pk])
    response = client.post(
        url, {"tenant": other_commune.pk, "hostname": "extra.portal.test"}, HTTP_HOST="portal.test"
    )
    assert response.status_code == 200  # the form answers with an error, nothing saved
    assert (
        "Select a valid choice" in response.content.decode()
        or "Hãy chọn" in response.content.decode()
    )
    domain.refresh_from_db()
    assert domain.tenant == commune


def test_forged_add_for_another_site_is_refused(client, commune, other_commune, commune_site_admin):
    client.force_login(commune_site_admin)
    response = client.post(
        reverse("admin:tenants_domain_add"),
        {"tenant": other_commune.pk, "hostname": "sneaky.portal.test"},
        HTTP_HOST="portal.test",
    )
    assert response.status_code == 200
    assert not Domain.objects.filter(hostname="sneaky.portal.test").exists()


def test_editor_cannot_administer_domains_or_memberships(client, commune, commune_editor):
    client.force_login(commune_editor)
    response = client.post(
        reverse("admin:tenants_domain_add"),
        {"tenant": commune.pk, "hostname": "mine.portal.test"},
        HTTP_HOST="portal.test",
    )
    assert response.status_code == 403
    assert not Domain.objects.filter(hostname="mine.portal.test").exists()


def test_board_member_sees_the_whole_tree(client, board_member, commune, other_commune, department):
    client.force_login(board_member)
    text = client.get(
        reverse("admin:tenants_tenant_changelist"), HTTP_HOST="portal.test"
    ).content.decode()
    for name in ("Tỉnh Thử Nghiệm", "Sở Tài chính", "Xã An Bình", "Xã Bình Minh"):
        assert name in text


def test_auditor_reads_everything_but_cannot_change(client, auditor, commune):
    client.force_login(auditor)
    page = client.get(tenant_change_url(commune), HTTP_HOST="portal.test")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    response = client.post(
        tenant_change_url(commune), {"name_vi": "Changed"}, HTTP_HOST="portal.test"
    )
    assert response.status_code == 403
    commune.refresh_from_db()
    assert commune.name_vi == "Xã An Bình"


def test_archived_district_is_read_only_even_for_its_site_admin(client, district):
    admin_user = Membership.objects.create(
        user=UserFactory(), tenant=district, role=Role.SITE_ADMIN
    ).user
    client.force_login(admin_user)
    assert client.get(tenant_change_url(district), HTTP_HOST="portal.test").status_code == 200
    response = client.post(tenant_change_url(district), {"name_vi": "x"}, HTTP_HOST="portal.test")
    assert response.status_code == 403


def test_site_admin_cannot_grant_rights_wider_than_their_own(
    client, commune, province, commune_site_admin
):
    client.force_login(commune_site_admin)
    target = UserFactory()
    response = client.post(
        reverse("admin:tenants_membership_add"),
        {"user": target.pk, "tenant": province.pk, "role": Role.SITE_ADMIN},
        HTTP_HOST="portal.test",
    )
    assert response.status_code == 200  # province is not a valid choice
    assert not Membership.objects.filter(user=target).exists()


def test_multi_site_user_switches_the_working_tenant(client, board_member, commune, other_commune):
    client.force_login(board_member)
    url = reverse("admin:switch_working_tenant")
    response = client.post(url, {"tenant": commune.pk, "next": "/admin/"}, HTTP_HOST="portal.test")
    assert response.status_code == 302
    assert client.session[WORKING_TENANT_SESSION_KEY] == commune.pk
    text = client.get(
        reverse("admin:tenants_domain_changelist"), HTTP_HOST="portal.test"
    ).content.decode()
    assert "xaa.portal.test" in text and "xab.portal.test" not in text
    assert "Quản trị — Xã An Bình" in text


def test_switching_to_a_tenant_outside_ones_scope_is_refused(client, commune_editor, other_commune):
    client.force_login(commune_editor)
    client.post(
        reverse("admin:switch_working_tenant"),
        {"tenant": other_commune.pk, "next": "/admin/"},
        HTTP_HOST="portal.test",
    )
    assert WORKING_TENANT_SESSION_KEY not in client.session
    client.post(reverse("admin:switch_working_tenant"), {"tenant": "abc"}, HTTP_HOST="portal.test")
    assert WORKING_TENANT_SESSION_KEY not in client.session


def test_tenant_changes_are_audit_logged(client, superuser, commune):
    from auditlog.models import LogEntry

    client.force_login(superuser)
    commune.hotline = "1900 1234"
    commune.save()
    entry = LogEntry.objects.get_for_object(commune).first()
    assert entry is not None
    assert "hotline" in entry.changes_dict


def test_superuser_gets_every_tenant(client, superuser, commune, other_commune):
    client.force_login(superuser)
    assert Tenant.objects.count() >= 3
    text = client.get(
        reverse("admin:tenants_tenant_changelist"), HTTP_HOST="portal.test"
    ).content.decode()
    assert "Xã An Bình" in text and "Xã Bình Minh" in text


def test_editor_of_one_site_never_picks_the_site(client, commune, other_commune, commune_editor):
    """The site field is filled in and hidden, on any host; a forged other site is refused."""
    from content.models import Link

    client.force_login(commune_editor)
    form = client.get(reverse("admin:content_link_add"), HTTP_HOST="portal.test")
    html = form.content.decode()
    assert f'<input type="hidden" name="tenant" value="{commune.pk}"' in html
    assert 'name="tenant" class="admin-autocomplete' not in html
    data = {"group": "political", "title_vi": "Báo Sơn Lâm", "url": "https://bao.vn/", "order": 0}
    response = client.post(
        reverse("admin:content_link_add"), {**data, "tenant": commune.pk}, HTTP_HOST="portal.test"
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Link.objects.get().tenant == commune
    forged = client.post(
        reverse("admin:content_link_add"),
        {**data, "tenant": other_commune.pk},
        HTTP_HOST="portal.test",
    )
    assert forged.status_code == 200 and Link.objects.count() == 1


def test_board_member_still_chooses_among_their_sites(client, board_member, commune):
    client.force_login(board_member)
    html = client.get(reverse("admin:content_link_add"), HTTP_HOST="portal.test").content.decode()
    assert '<input type="hidden" name="tenant"' not in html
    assert 'name="tenant"' in html
