"""The editorial board merges two communes from the admin: preview, confirm, progress."""

import pytest
from django.test import Client
from django.urls import reverse

from content.models import Article
from tenants.models import OperationState, SiteOperation
from tests.tenants.factories import MembershipFactory, UserFactory
from tests.tenants.lifecycle_scenario import two_communes

pytestmark = pytest.mark.django_db
MERGE_URL = "/admin/tenants/siteoperation/merge/"


@pytest.fixture
def board():
    user = UserFactory(is_superuser=True)
    client = Client(HTTP_HOST="portal.test")
    client.force_login(user)
    return client


def form(communes, **extra):
    return {
        "sources": [communes.hoa_binh.pk, communes.tan_lap.pk],
        "target": communes.target.pk,
        "new_kind": "commune",
        "categories": "merge",
        "unfinished": "move",
        **extra,
    }


def test_preview_then_confirm_runs_the_merge_and_shows_its_progress(
    province, board, django_capture_on_commit_callbacks
):
    communes = two_communes(province, articles_each=1)
    preview = board.post(MERGE_URL, form(communes, preview="1"))
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Sáp nhập Xã Hòa Bình, Xã Tân Lập vào Xã Hòa Lập" in page
    assert "le-hoi-dua-thuyen-tanlap" in page
    assert "Xác nhận sáp nhập" in page
    assert not SiteOperation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = board.post(MERGE_URL, form(communes, confirm="1"))
    operation = SiteOperation.objects.get()
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse(
        "admin:tenants_siteoperation_change", args=[operation.pk]
    )
    operation.refresh_from_db()
    assert operation.state == OperationState.DONE
    assert Article.objects.filter(tenant=communes.target).count() == 4
    detail = board.get(confirmed["Location"]).content.decode()
    assert "Hoàn tất" in detail and "Xã Tân Lập" in detail
    # The progress reads step by step, not as the JSON the merge keeps its cursors in.
    assert "<strong>Xã Tân Lập — văn bản</strong>: 1 mục đã chuyển, xong" in detail
    assert "<strong>Không có mục cần chuyển</strong>:" in detail
    assert "<strong>Đã ngừng hoạt động</strong>: Xã Hòa Bình, Xã Tân Lập" in detail
    assert "&quot;cursor&quot;" not in detail and "&quot;steps&quot;" not in detail
    listing = board.get("/admin/tenants/siteoperation/").content.decode()
    assert "Sáp nhập đơn vị" in listing


def test_bad_choices_get_a_message_not_an_error_page(province, board):
    communes = two_communes(province, articles_each=0)
    response = board.post(
        MERGE_URL, form(communes, target=communes.hoa_binh.pk, preview="1", confirm="1")
    )
    assert response.status_code == 200
    assert "vào chính nó" in response.content.decode()
    response = board.post(MERGE_URL, form(communes, target="", preview="1"))
    assert "Chọn đơn vị đích có sẵn" in response.content.decode()
    assert not SiteOperation.objects.exists()


def test_a_commune_editor_cannot_merge(province, commune):
    editor = MembershipFactory(tenant=commune, role="editor").user
    client = Client(HTTP_HOST="portal.test")
    client.force_login(editor)
    assert client.get(MERGE_URL).status_code == 403


CHANGELIST = "/admin/tenants/tenant/"


def test_archive_action_turns_sites_into_archives(province, commune, board):
    response = board.post(
        CHANGELIST, {"action": "archive_sites", "_selected_action": [commune.pk]}, follow=True
    )
    assert "đã thành trang lưu trữ" in response.content.decode()
    commune.refresh_from_db()
    assert commune.is_archived
    again = board.post(
        CHANGELIST, {"action": "archive_sites", "_selected_action": [commune.pk]}, follow=True
    )
    assert "đã là trang lưu trữ" in again.content.decode()


def test_move_action_asks_for_the_new_parent_then_moves(
    province, district, district_commune, board
):
    chosen = {"action": "move_sites", "_selected_action": [district_commune.pk]}
    page = board.post(CHANGELIST, chosen)
    assert page.status_code == 200 and "Đơn vị cấp trên mới" in page.content.decode()
    done = board.post(CHANGELIST, {**chosen, "parent": province.pk, "apply": "1"}, follow=True)
    assert "Đã chuyển Xã Cũ vào Tỉnh Thử Nghiệm" in done.content.decode()
    district_commune.refresh_from_db()
    assert district_commune.parent == province
    refused = board.post(
        CHANGELIST,
        {"action": "move_sites", "_selected_action": [province.pk], "parent": district_commune.pk}
        | {"apply": "1"},
        follow=True,
    )
    assert "chính nó hoặc đơn vị cấp dưới" in refused.content.decode()


def test_a_name_edited_in_the_site_form_is_kept_as_a_former_name(commune):
    from django.contrib import admin
    from django.test import RequestFactory

    from tenants.admin import TenantAdmin
    from tenants.models import FormerName, Tenant

    request = RequestFactory().post("/")
    request.user = UserFactory(is_superuser=True)
    site = Tenant.objects.get(pk=commune.pk)
    site.name_vi = "Xã An Bình Mới"
    TenantAdmin(Tenant, admin.site).save_model(request, site, form=None, change=True)
    former = FormerName.objects.get(tenant=commune)
    assert former.name == "Xã An Bình"
    about = Client(HTTP_HOST="xaa.portal.test").get("/gioi-thieu/").content.decode()
    assert "Xã An Bình Mới" in about and "Xã An Bình" in about


SPLIT_URL = "/admin/tenants/siteoperation/split/"


def test_split_screen_previews_then_splits(province, board, django_capture_on_commit_callbacks):
    from content.models import Category
    from tests.content.factories import ArticleFactory, CategoryFactory
    from tests.tenants.factories import TenantFactory

    town = TenantFactory(parent=province, slug="phuong", name_vi="Phường Cũ", hostname="p.test")
    tourism = CategoryFactory(tenant=town, slug="du-lich")
    ArticleFactory(tenant=town, category=tourism)
    ArticleFactory(tenant=town, category=CategoryFactory(tenant=town, slug="tin-tuc"))
    data = {
        "source": town.pk,
        "chosen": [tourism.pk],
        "new_name": "Ban Du lịch",
        "new_slug": "dulich",
        "new_hostname": "dulich.test",
        "new_kind": "department",
        "new_parent": province.pk,
        "unfinished": "move",
    }
    preview = board.post(SPLIT_URL, {**data, "preview": "1"}).content.decode()
    assert "Chia tách từ Phường Cũ sang Ban Du lịch" in preview
    assert "Xác nhận chia tách" in preview
    with django_capture_on_commit_callbacks(execute=True):
        done = board.post(SPLIT_URL, {**data, "confirm": "1"})
    assert done.status_code == 302
    detail = board.get(done["Location"]).content.decode()
    assert "Hoàn tất" in detail and "Chia tách từ Phường Cũ sang Ban Du lịch" in detail
    assert Category.objects.get(slug="du-lich").tenant.slug == "dulich"
    assert Article.objects.filter(tenant=town).count() == 1
    other = CategoryFactory(tenant=province, slug="khac")
    refused = board.post(SPLIT_URL, {**data, "chosen": [other.pk], "preview": "1"})
    assert "Chỉ chọn chuyên mục của đơn vị nguồn" in refused.content.decode()
