"""The auditor dashboard in the admin: scores, trend, drill-down; read-only for auditors;
an editor sees only their own site; the query count does not grow with the sites shown."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compliance.catalogue import catalogue_for
from compliance.models import Indicator, MeasurementRun
from compliance.scoring import measure_site
from tests.compliance.conftest import make_run
from tests.tenants.factories import TenantFactory

pytestmark = pytest.mark.django_db
DASHBOARD = "admin:compliance_dashboard"
DASHBOARD_OWN_QUERIES = 5  # 4 measured, one spare
DRILL_DOWN_OWN_QUERIES = 5  # 5 measured


def admin_client(user, host="portal.test"):
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    return client


def chrome_queries(client) -> int:
    """Queries of the admin's own frame for this user (session, user, each registered
    app's permission checks in the sidebar): the same on every admin page, and growing
    with the apps installed, not with this app's data. Our budgets are counted above it."""
    client.get(reverse("admin:password_change"))
    with CaptureQueriesContext(connection) as chrome:
        client.get(reverse("admin:password_change"))
    return len(chrome)


def test_auditor_sees_scores_both_ways_and_the_trend(auditor, measured_tree):
    response = admin_client(auditor).get(reverse(DASHBOARD))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tỉnh Thử Nghiệm" in html and "Xã An Bình" in html and "Sở Tài chính" in html
    assert "mỗi trang một phiếu" in html and "mỗi nhánh một phiếu" in html
    assert "<svg" in html and "Xu hướng 12 tháng" in html
    assert "67,5" in html or "67.5" in html  # (90 + 60 + 80 + 40) / 4


def test_drill_down_shows_evidence_legal_basis_and_where_to_fix(auditor, province, commune):
    catalogue_for(commune)
    Indicator.objects.filter(tenant=province).exclude(code="A-FOOTER").update(is_active=False)
    commune.license_text = ""
    commune.save()
    measure_site(commune)
    html = (
        admin_client(auditor)
        .get(reverse("admin:compliance_site", args=[commune.pk]))
        .content.decode()
    )
    assert "Chân trang thiếu: Giấy phép" in html
    assert "license_text" in html
    assert "NĐ 42/2022 Điều 6" in html
    assert f'href="/admin/tenants/tenant/{commune.pk}/change/"' in html
    assert "Đo lại trang này" not in html  # auditors read only


def test_dashboard_query_count_does_not_depend_on_the_number_of_sites(
    auditor, province, django_assert_max_num_queries
):
    client = admin_client(auditor)

    def add_sites(count):
        for _ in range(count):
            site = TenantFactory(parent=province)
            make_run(site, 50, 60, 70, 60)
            child = TenantFactory(parent=site)
            make_run(child, 40, 40, 40, 40)

    add_sites(2)
    client.get(reverse(DASHBOARD))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(DASHBOARD)).status_code == 200
    add_sites(15)
    client.get(reverse(DASHBOARD))  # the host resolution cache is rebuilt after tree changes
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse(DASHBOARD)).status_code == 200
    assert len(many) == len(few), [q["sql"][:150] for q in many.captured_queries]
    with django_assert_max_num_queries(chrome_queries(client) + DASHBOARD_OWN_QUERIES):
        client.get(reverse(DASHBOARD))


def test_auditor_cannot_change_anything(auditor, province, commune):
    catalogue_for(commune)
    indicator = Indicator.objects.filter(tenant=province).first()
    run = make_run(commune, 1, 1, 1, 1)
    client = admin_client(auditor)
    change = reverse("admin:compliance_indicator_change", args=[indicator.pk])
    assert client.get(change).status_code == 200
    forged = client.post(change, {"weight": "9", "is_active": "on", "_save": "1"})
    assert forged.status_code == 403
    indicator.refresh_from_db()
    assert indicator.weight != 9
    assert client.post(reverse("admin:compliance_remeasure", args=[commune.pk])).status_code == 403
    action = client.post(
        reverse("admin:compliance_measurementrun_changelist"),
        {"action": "remeasure", "_selected_action": [run.pk]},
    )
    assert MeasurementRun.objects.count() == 1
    assert action.status_code in (200, 302, 403)
    assert client.post(reverse("admin:compliance_indicator_add"), {}).status_code == 403


def test_province_site_admin_edits_the_catalogue(province, commune):
    from tenants.models import Role
    from tests.tenants.factories import MembershipFactory

    admin = MembershipFactory(tenant=province, role=Role.SITE_ADMIN, include_descendants=True).user
    catalogue_for(commune)
    indicator = Indicator.objects.get(tenant=province, code="A-HOTLINE")
    client = admin_client(admin)
    url = reverse("admin:compliance_indicator_change", args=[indicator.pk])
    form = {
        "tenant": province.pk,
        "code": "A-HOTLINE",
        "name_vi": "Đường dây nóng",
        "name_en": "Hotline",
        "axis": "a",
        "requirement": "D",
        "legal_basis": "NĐ 224/2026 Điều 10",
        "applies_to": ["commune"],
        "weight": "2.5",
        "threshold_pass": "",
        "threshold_partial": "",
        "check_key": "hotline_listed",
        "params": "{}",
        "fix_hint_vi": "",
        "fix_hint_en": "",
        "is_active": "on",
        "order": "0",
        "_save": "1",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    indicator.refresh_from_db()
    assert float(indicator.weight) == 2.5 and indicator.applies_to == ["commune"]
    bad = client.post(url, {**form, "check_key": "khong_co"})
    assert bad.status_code == 200
    assert "errornote" in bad.content.decode()


def test_staff_member_reruns_one_site(
    commune_site_admin, commune, django_capture_on_commit_callbacks
):
    client = admin_client(commune_site_admin, "xaa.portal.test")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:compliance_remeasure", args=[commune.pk]))
    assert response.status_code == 302
    run = MeasurementRun.objects.get()
    assert run.tenant == commune and run.triggered_by == commune_site_admin


def test_editor_cannot_see_another_sites_report(commune_editor, commune, other_commune):
    make_run(other_commune, 10, 10, 10, 10)
    client = admin_client(commune_editor, "xaa.portal.test")
    assert client.get(reverse("admin:compliance_site", args=[other_commune.pk])).status_code == 403
    assert client.get(reverse(DASHBOARD), {"site": other_commune.pk}).status_code == 403
    own = client.get(reverse(DASHBOARD))
    assert own.status_code == 200
    assert "Xã Bình Minh" not in own.content.decode()
    assert (
        client.post(reverse("admin:compliance_remeasure", args=[other_commune.pk])).status_code
        == 403
    )


def test_history_list_links_to_the_dashboard(auditor, measured_tree):
    html = (
        admin_client(auditor)
        .get(reverse("admin:compliance_measurementrun_changelist"))
        .content.decode()
    )
    assert reverse(DASHBOARD) in html


def test_drill_down_query_budget(auditor, province, commune, django_assert_max_num_queries):
    catalogue_for(commune)
    Indicator.objects.filter(tenant=province, axis="b").update(is_active=False)
    for _ in range(3):
        measure_site(commune)
    client = admin_client(auditor)
    url = reverse("admin:compliance_site", args=[commune.pk])
    client.get(url)
    with django_assert_max_num_queries(chrome_queries(client) + DRILL_DOWN_OWN_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


def test_admin_home_leads_to_the_dashboard(commune, commune_editor):
    client = admin_client(commune_editor)
    home = client.get(reverse("admin:index")).content.decode()
    url = reverse(DASHBOARD)
    assert 'id="compliance-card"' in home and f'href="{url}"' in home
    assert client.get(url).status_code == 200
