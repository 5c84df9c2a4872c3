"""A national installation has 4,000 sites: no admin form may offer them all in a select."""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tenants.models import TenantKind
from tests.tenants.factories import TenantFactory

EXTRA_SITES = 60  # more than the admin header lists (SWITCH_LIST_MAX)


def test_no_admin_form_renders_every_site_in_a_select(province, superuser, site_client):
    for n in range(EXTRA_SITES):
        TenantFactory(
            parent=province, kind=TenantKind.COMMUNE, slug=f"dem{n}", name_vi=f"Xã Đếm Số {n}"
        )
    client = site_client(province, superuser)
    offenders, walked = [], 0
    for model in admin.site._registry:
        meta = model._meta
        try:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        except NoReverseMatch:
            continue
        response = client.get(url)
        if response.status_code != 200:
            continue
        walked += 1
        listed = response.content.decode().count("Xã Đếm Số ")
        if listed >= EXTRA_SITES:
            offenders.append(f"{url} lists {listed} sites")
    assert walked > 20
    assert offenders == [], "\n".join(offenders)


def test_a_site_is_chosen_by_typing_its_name(province, commune, superuser, commune_editor, client):
    for n in range(EXTRA_SITES):
        TenantFactory(
            parent=province, kind=TenantKind.COMMUNE, slug=f"dem{n}", name_vi=f"Xã Đếm Số {n}"
        )
    query = {"app_label": "content", "model_name": "article", "field_name": "tenant"}
    client.force_login(superuser)
    found = client.get(
        reverse("admin:autocomplete"), {**query, "term": "Đếm Số 1"}, HTTP_HOST="portal.test"
    ).json()["results"]
    assert {"Xã Đếm Số 1", "Xã Đếm Số 12"} <= {r["text"] for r in found}
    # The header's site switcher takes a typed name once there are too many to list.
    client.post(
        reverse("admin:switch_working_tenant"),
        {"tenant_name": "Xã Đếm Số 12", "next": "/admin/"},
        HTTP_HOST="portal.test",
    )
    page = client.get("/admin/", HTTP_HOST="portal.test").content.decode()
    assert "Quản trị — Xã Đếm Số 12" in page and 'name="tenant_name"' in page
    # An editor of one site is offered that site only.
    client.force_login(commune_editor)
    mine = client.get(
        reverse("admin:autocomplete"), {**query, "term": "Xã"}, HTTP_HOST="portal.test"
    ).json()["results"]
    assert [r["text"] for r in mine] == [commune.name]
