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
