"""Site administrators import from a file (dry run first); the command shares the sync."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from procedures.models import Procedure, SyncRun
from tests.procedures.factories import export, import_records, record
from tests.tenants.factories import MembershipFactory


@pytest.fixture
def province_admin(province):
    return MembershipFactory(tenant=province, role="site_admin").user


def upload(data: bytes, name="export.json"):
    return SimpleUploadedFile(name, data, content_type="application/json")


def test_site_admin_dry_runs_then_imports_a_file(
    source, commune, province_admin, site_client, province
):
    client = site_client(province, province_admin)
    url = reverse("admin:procedures_syncsource_import", args=[source.pk])
    assert client.get(url).status_code == 200
    data = export(record("1.1"), record("1.2", name="Đăng ký kết hôn"))
    response = client.post(url, {"file": upload(data), "dry_run": "on"}, follow=True)
    assert "Chạy thử — chưa ghi gì. Thêm mới 2" in response.content.decode()
    assert not Procedure.objects.exists()
    response = client.post(url, {"file": upload(data)}, follow=True)
    assert "Thêm mới 2, cập nhật 0" in response.content.decode()
    assert Procedure.objects.count() == 2


def test_a_bad_file_in_the_admin_names_the_record_and_field(
    source, commune, province_admin, site_client, province
):
    client = site_client(province, province_admin)
    url = reverse("admin:procedures_syncsource_import", args=[source.pk])
    response = client.post(
        url, {"file": upload(export(record("1.1", level="sao-hoa")))}, follow=True
    )
    page = response.content.decode()
    assert "Dữ liệu không hợp lệ — không có thay đổi nào được ghi." in page
    assert "Bản ghi 1 (mã 1.1), trường “level”" in page


def test_an_editor_cannot_import(source, commune, site_client, province):
    editor = MembershipFactory(tenant=province, role="editor").user
    client = site_client(province, editor)
    url = reverse("admin:procedures_syncsource_import", args=[source.pk])
    assert client.post(url, {"file": upload(export(record("1.1")))}).status_code == 403
    assert not Procedure.objects.exists()


def test_an_admin_of_another_tree_cannot_see_the_source(source, commune, site_client):
    from tests.tenants.factories import TenantFactory

    other = TenantFactory(kind="province", slug="tinhkhac")
    outsider = MembershipFactory(tenant=other, role="site_admin").user
    client = site_client(other, outsider)
    url = reverse("admin:procedures_syncsource_import", args=[source.pk])
    assert client.get(url).status_code == 404


def test_synced_procedures_are_read_only_in_the_admin(
    source, commune, superuser, site_client, province
):
    import_records(source, record("1.1"))
    procedure = Procedure.objects.get()
    client = site_client(province, superuser)
    change = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    response = client.get(change)
    assert response.status_code == 200 and b'name="_save"' not in response.content
    assert client.post(change, {"fees": "x"}).status_code == 403
    assert client.get(reverse("admin:procedures_procedure_changelist")).status_code == 200
    assert client.get(reverse("admin:procedures_syncrun_changelist")).status_code == 200


def test_command_imports_a_file_with_a_progress_bar_and_reports(source, commune, tmp_path, capsys):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([record("1.1"), record("1.2", name="Đăng ký kết hôn")]), "utf-8")
    call_command("sync_procedures", source=source.slug, file=str(path), dry_run=True)
    assert "CHẠY THỬ — sẽ thêm mới 2" in capsys.readouterr().out
    assert not Procedure.objects.exists()
    call_command("sync_procedures", source=source.slug, file=str(path))
    out = capsys.readouterr().out
    assert "[##############################] 2/2" in out and "thêm mới 2" in out
    call_command("sync_procedures", source=source.slug, file=str(path))
    assert (
        "thêm mới 0, cập nhật 0, ngưng áp dụng 0, áp dụng lại 0, không đổi 2"
        in capsys.readouterr().out
    )
    assert SyncRun.objects.filter(trigger="command").count() == 3


def test_command_fails_loudly_on_a_bad_file(source, commune, tmp_path):
    path = tmp_path / "export.json"
    path.write_text("{not json", "utf-8")
    with pytest.raises(CommandError, match="không có thay đổi nào được ghi"):
        call_command("sync_procedures", source=source.slug, file=str(path))


def test_command_creates_a_source_for_a_tenant(province, commune, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([record("1.1")]), "utf-8")
    call_command("sync_procedures", source="moi", tenant="tinh", file=str(path))
    assert Procedure.objects.get().source.slug == "moi"


def test_url_actions_queue_the_sync_task_and_record_the_run(
    settings,
    source,
    commune,
    province_admin,
    site_client,
    province,
    django_capture_on_commit_callbacks,
):
    settings.PROCEDURES_SYNC_RETRIES = 0
    source.url = "http://127.0.0.1:9/unreachable.json"  # nothing listens on the discard port
    source.save()
    client = site_client(province, province_admin)
    changelist = reverse("admin:procedures_syncsource_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist, {"action": "dry_run_from_url", "_selected_action": [source.pk]}, follow=True
        )
    assert "đã đưa vào hàng đợi" in response.content.decode()
    run = SyncRun.objects.get()  # eager Celery in the tests: the task already ran
    assert run.dry_run and run.outcome == SyncRun.Outcome.FAILED


def test_admin_search_finds_procedures_typed_with_diacritics(
    source, commune, superuser, site_client, province
):
    import_records(source, record("1.1"), record("1.2", name="Đăng ký kết hôn"))
    client = site_client(province, superuser)
    page = client.get(
        reverse("admin:procedures_procedure_changelist"), {"q": "Kết hôn"}
    ).content.decode()
    assert "Đăng ký kết hôn" in page and "Đăng ký khai sinh" not in page


def test_command_refuses_a_100_mb_file_before_reading_it(source, commune, tmp_path):
    path = tmp_path / "export.json"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(CommandError, match="Tệp quá lớn"):
        call_command("sync_procedures", source=source.slug, file=str(path))
    assert not SyncRun.objects.exists()


def test_admin_refuses_an_oversized_upload(
    source, commune, province_admin, site_client, province, settings
):
    settings.PROCEDURES_SYNC_MAX_BYTES = 100
    client = site_client(province, province_admin)
    url = reverse("admin:procedures_syncsource_import", args=[source.pk])
    response = client.post(url, {"file": upload(export(record("1.1")))})
    assert response.status_code == 200 and "Tệp quá lớn" in response.content.decode()
    assert not Procedure.objects.exists()


def test_legal_basis_and_sync_errors_read_as_lines_not_json(
    source, commune, superuser, site_client, province
):
    legal = [
        {"number": "60/2014/QH13", "title": "Luật Hộ tịch"},
        {"number": "123/2015/NĐ-CP", "title": "Nghị định hướng dẫn Luật Hộ tịch"},
    ]
    run = import_records(source, record("1.1", legal_basis=legal))
    procedure = Procedure.objects.get()
    client = site_client(province, superuser)
    html = client.get(reverse("admin:procedures_procedure_change", args=[procedure.pk])).content
    html = html.decode()
    assert "<li>60/2014/QH13 — Luật Hộ tịch</li>" in html
    assert "<li>123/2015/NĐ-CP — Nghị định hướng dẫn Luật Hộ tịch</li>" in html
    assert "&quot;number&quot;" not in html
    procedure.refresh_from_db()
    assert procedure.legal_basis == legal  # shown, never rewritten

    run.errors = ["Dòng 3: thiếu mã thủ tục", "Dòng 9: mức độ “x” không có"]
    run.save()
    html = client.get(reverse("admin:procedures_syncrun_change", args=[run.pk])).content.decode()
    assert "<li>Dòng 3: thiếu mã thủ tục</li>" in html
    assert "&quot;Dòng 3" not in html
