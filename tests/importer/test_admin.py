"""The site admin describes an old site, starts a dry run or an import, reads the log."""

from __future__ import annotations

import json
import re

from django.urls import reverse

from content.models import Article
from importer.models import ImportItem, ImportRun, ItemState, SourceProfile


def test_site_admin_creates_a_profile_in_the_admin(
    commune, commune_site_admin, site_client, categories
):
    client = site_client(commune, commune_site_admin)
    assert client.get(reverse("admin:importer_sourceprofile_add")).status_code == 200
    response = client.post(
        reverse("admin:importer_sourceprofile_add"),
        {
            "tenant": commune.pk,
            "name": "Cổng cũ xã An Bình",
            "slug": "cong-cu",
            "base_url": "http://127.0.0.1:9/",
            "sources": json.dumps([{"url": "/tin-tuc/", "category": "tin-tuc"}]),
            "delay_seconds": "1",
            "timeout_seconds": "20",
            "max_page_bytes": "5000000",
            "max_file_bytes": "30000000",
            "max_items": "0",
            "respect_robots": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert SourceProfile.objects.get(tenant=commune).name == "Cổng cũ xã An Bình"


def test_dry_run_from_the_admin_shows_its_report_and_writes_no_article(
    profile, commune, commune_site_admin, site_client, django_capture_on_commit_callbacks
):
    client = site_client(commune, commune_site_admin)
    with django_capture_on_commit_callbacks(execute=True):  # the Celery task, run eagerly
        response = client.post(
            reverse("admin:importer_sourceprofile_changelist"),
            {"action": "dry_run_selected", "_selected_action": [profile.pk]},
            follow=True,
        )
    assert "Đã xếp lịch 1 lần chạy" in response.content.decode()
    run = ImportRun.objects.get(profile=profile)
    assert run.state == "done" and run.dry_run
    assert "Chạy thử — không ghi gì." in run.report
    assert not Article.objects.exists() and not ImportItem.objects.exists()
    page = client.get(reverse("admin:importer_importrun_change", args=[run.pk]))
    assert "Hội nghị tổng kết công tác năm 2025" in page.content.decode()


def test_import_from_the_admin_lists_each_item_with_its_error(
    profile, commune, commune_site_admin, site_client, django_capture_on_commit_callbacks
):
    client = site_client(commune, commune_site_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:importer_sourceprofile_changelist"),
            {"action": "import_selected", "_selected_action": [profile.pk]},
        )
    run = ImportRun.objects.get(profile=profile)
    assert (run.state, run.created, run.processed, run.total) == ("done", 5, 14, 14)
    assert run.items.filter(state=ItemState.FAILED).count() == 8
    listing = client.get(reverse("admin:importer_importrun_changelist")).content.decode()
    assert "14/14" in listing
    page = client.get(reverse("admin:importer_importrun_change", args=[run.pk])).content.decode()
    assert "Trang nguồn trả lỗi 500" in page
    assert "Hội nghị tổng kết công tác năm 2025" in page


def test_an_editor_cannot_start_an_import(profile, commune, commune_editor, site_client):
    client = site_client(commune, commune_editor)
    client.post(
        reverse("admin:importer_sourceprofile_changelist"),
        {"action": "import_selected", "_selected_action": [profile.pk]},
    )
    assert not ImportRun.objects.exists()


def test_a_running_import_shows_its_rate_and_refreshes_itself(
    profile, commune, commune_site_admin, site_client
):
    from datetime import timedelta

    from django.utils import timezone

    run = ImportRun.objects.create(
        tenant=commune,
        profile=profile,
        state="running",
        started_at=timezone.now() - timedelta(seconds=10),
        processed=50,
        total=150,
    )
    client = site_client(commune, commune_site_admin)
    page = client.get(reverse("admin:importer_importrun_change", args=[run.pk]))
    assert page["Refresh"] == "5"
    text = page.content.decode()
    assert re.search(r"50/150 · \d\.\d mục/giây · còn khoảng \d+ giây", text)


def test_sources_are_edited_as_lines_not_json(profile, commune, commune_site_admin, site_client):
    client = site_client(commune, commune_site_admin)
    url = reverse("admin:importer_sourceprofile_change", args=[profile.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "sources"}
    data.update(tenant=commune.pk, respect_robots="on" if profile.respect_robots else "")
    data["sources"] = "/tin-tuc/ | tin-tuc\n\n/van-ban/danh-sach.csv | | document\n"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    profile.refresh_from_db()
    assert profile.sources == [
        {"url": "/tin-tuc/", "category": "tin-tuc"},
        {"url": "/van-ban/danh-sach.csv", "category": "", "kind": "document"},
    ]
    shown = client.get(url).content.decode()
    assert "/tin-tuc/ | tin-tuc\n/van-ban/danh-sach.csv |  | document" in shown
    assert "&quot;url&quot;" not in shown  # no JSON for the editor to get wrong

    data["sources"] = "/tin-tuc/ | tin-tuc | tin-bai"
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Dòng 1: loại “tin-bai” không có" in refused.content.decode()


def test_saving_keeps_a_wordpress_category_mapping_and_other_keys(
    profile, commune, commune_site_admin, site_client
):
    from tests.portal.admin_forms import as_submitted

    profile.sources = [
        {
            "url": "/export.xml",
            "category": "gioi-thieu",
            "kind": "article",
            "categories": {"quoc-phong": "quoc-phong-an-ninh"},
        },
        {"url": "/tin-tuc/", "category": "tin-tuc", "note": "thêm bằng tay"},
    ]
    profile.save()
    client = site_client(commune, commune_site_admin)
    url = reverse("admin:importer_sourceprofile_change", args=[profile.pk])
    data = as_submitted(client.get(url))
    assert data["sources"] == (
        "/export.xml | gioi-thieu | article | quoc-phong=quoc-phong-an-ninh\n/tin-tuc/ | tin-tuc"
    )
    data["sources"] = data["sources"].replace("an-ninh", "an-ninh, tin=tin-tuc")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    profile.refresh_from_db()
    assert profile.sources == [
        {
            "url": "/export.xml",
            "category": "gioi-thieu",
            "categories": {"quoc-phong": "quoc-phong-an-ninh", "tin": "tin-tuc"},
        },
        {"url": "/tin-tuc/", "category": "tin-tuc", "note": "thêm bằng tay"},
    ]

    data["sources"] = "/export.xml | gioi-thieu | article | quoc-phong"
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Dòng 1: ánh xạ chuyên mục viết “tên-cũ=mã-mới, …”." in refused.content.decode()
