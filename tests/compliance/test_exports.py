"""Report and audit-trail exports: run as Celery jobs, scoped like the admin, files that
parse back (openpyxl, csv, pdftotext) with the right rows and no live formulas."""

import csv
import io
import subprocess
from datetime import timedelta

import pytest
from auditlog.context import set_actor
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from compliance.catalogue import catalogue_for
from compliance.exports import safe_cell
from compliance.models import ExportJob, Indicator
from compliance.scoring import measure_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def measured(province, commune, other_commune):
    """Real runs with only the foundation's own indicators (no network)."""
    catalogue_for(province)
    Indicator.objects.filter(tenant=province).exclude(
        code__in=["A-FOOTER", "A-HOTLINE", "A-ABOUT-EN", "C-VISITS"]
    ).update(is_active=False)
    commune.hotline = ""
    commune.save()
    return {t.slug: measure_site(t) for t in (province, commune, other_commune)}


def export(user, tenant, **data):
    client = Client(HTTP_HOST="portal.test")
    client.force_login(user)
    today = timezone.localdate()
    form = {
        "kind": "report",
        "fmt": "xlsx",
        "since": (today - timedelta(days=7)).isoformat(),
        "until": today.isoformat(),
        **data,
    }
    # the job is built after the request's commit
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("admin:compliance_export", args=[tenant.pk]), form)
    return client, response


def download(client, job):
    response = client.get(reverse("admin:compliance_exportjob_download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_xlsx_report_for_a_subtree_has_summary_scores_and_results(auditor, province, measured):
    client, response = export(auditor, province)
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert job.state == "done" and job.progress == 100
    workbook = load_workbook(io.BytesIO(download(client, job)))
    assert workbook.sheetnames == ["Tổng hợp", "Điểm theo trang", "Chỉ số"]
    summary = {
        row[0]: row[1] for row in workbook["Tổng hợp"].iter_rows(min_row=2, values_only=True)
    }
    assert summary["Số trang trong phạm vi"] == 3
    scores = list(workbook["Điểm theo trang"].iter_rows(values_only=True))
    assert scores[0][:3] == ("Đơn vị", "Loại", "Thời điểm đo")
    assert {row[0] for row in scores[1:]} == {"Tỉnh Thử Nghiệm", "Xã An Bình", "Xã Bình Minh"}
    results = list(workbook["Chỉ số"].iter_rows(values_only=True))
    assert len(results) == 1 + 3 * 4
    hotline = [r for r in results if r[0] == "Xã An Bình" and r[3] == "A-HOTLINE"]
    assert hotline[0][6] == "Không đạt"
    assert workbook["Chỉ số"].freeze_panes == "A2"
    assert workbook["Chỉ số"]["A1"].font.bold


def test_csv_report_neutralises_formula_injection(auditor, province, commune, measured):
    commune.name_vi = '=HYPERLINK("http://evil.example","bấm")'
    commune.save()
    measure_site(commune)
    client, _response = export(auditor, province, fmt="csv")
    rows = list(
        csv.reader(io.StringIO(download(client, ExportJob.objects.get()).decode("utf-8-sig")))
    )
    assert rows[0][0] == "Đơn vị"
    names = {row[0] for row in rows[1:]}
    assert "'" + commune.name_vi in names
    assert not any(name.startswith("=") for name in names)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_prefixes_every_formula_start(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("Bình thường") == "Bình thường"


def test_pdf_report_renders_vietnamese_and_is_unsigned_without_a_province_credential(
    auditor, province, measured, tmp_path
):
    client, _response = export(auditor, province, fmt="pdf")
    job = ExportJob.objects.get()
    pdf = download(client, job)
    assert pdf.startswith(b"%PDF")
    assert job.signed is False
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "BÁO CÁO ĐÁNH GIÁ TRANG THÔNG TIN ĐIỆN TỬ" in text
    assert "Xã An Bình" in text and "Tỉnh Thử Nghiệm" in text
    assert "Chưa công bố đường dây nóng" in text
    assert "Không đạt" in text
    assert "NĐ 42/2022 Điều 6" in text


def test_editor_exports_only_their_own_site(commune_editor, commune, province, measured):
    client, response = export(commune_editor, province)
    assert response.status_code == 403
    client, response = export(commune_editor, commune)
    job = ExportJob.objects.get()
    workbook = load_workbook(io.BytesIO(download(client, job)))
    sites = {row[0] for row in workbook["Điểm theo trang"].iter_rows(min_row=2, values_only=True)}
    assert sites == {"Xã An Bình"}


def test_another_user_cannot_download_an_export(auditor, other_commune_editor, province, measured):
    export(auditor, province)
    job = ExportJob.objects.get()
    client = Client(HTTP_HOST="portal.test")
    client.force_login(other_commune_editor)
    url = reverse("admin:compliance_exportjob_download", args=[job.pk])
    assert client.get(url).status_code == 404


def test_bad_export_form_gets_a_message_not_an_error(auditor, province):
    _client, response = export(auditor, province, since="2026-05-01", until="2026-01-01")
    assert response.status_code == 200
    assert "Ngày bắt đầu phải trước ngày kết thúc." in response.content.decode()
    _client, response = export(auditor, province, kind="audit", fmt="pdf")
    assert "Nhật ký thay đổi xuất ra CSV hoặc XLSX." in response.content.decode()
    _client, response = export(auditor, province, since="không phải ngày")
    assert response.status_code == 200
    assert not ExportJob.objects.exists()


def test_audit_trail_export_by_subtree_user_and_model(
    commune, other_commune, commune_site_admin, board_member, auditor
):
    with set_actor(board_member):
        commune.phone = "0238 999 999"
        commune.save()
        other_commune.phone = "0238 888 888"
        other_commune.save()
    with set_actor(commune_site_admin):
        commune.email = "moi@example.gov.vn"
        commune.save()
    client, _response = export(commune_site_admin, commune, kind="audit", fmt="csv")
    rows = list(
        csv.reader(io.StringIO(download(client, ExportJob.objects.get()).decode("utf-8-sig")))
    )
    assert rows[0][:3] == ["Thời điểm", "Người thực hiện", "Hành động"]
    text = "\n".join(",".join(r) for r in rows)
    assert "0238 999 999" in text and "moi@example.gov.vn" in text
    assert "0238 888 888" not in text  # another site's change

    client, _response = export(
        auditor,
        commune.parent,
        kind="audit",
        fmt="xlsx",
        actor=commune_site_admin.username,
        model="tenants.tenant",
    )
    job = ExportJob.objects.filter(requested_by=auditor).get()
    workbook = load_workbook(io.BytesIO(download(client, job)))
    entries = list(workbook["Nhật ký"].iter_rows(min_row=2, values_only=True))
    assert entries and {row[1] for row in entries} == {commune_site_admin.username}
    assert job.rows == len(entries)


def test_the_export_task_is_sent_only_when_the_request_commits(
    auditor, province, django_capture_on_commit_callbacks
):
    from compliance import jobs

    with django_capture_on_commit_callbacks() as sent_on_commit:
        job = jobs.request_export(province, kind="report", fmt="csv", params={}, by=auditor)
    job.refresh_from_db()
    assert job.state == ExportJob.State.QUEUED and len(sent_on_commit) == 1


def test_export_conditions_read_as_dates_and_names(province, superuser, site_client):
    from django.urls import reverse

    from compliance.models import ExportJob

    job = ExportJob.objects.create(
        tenant=province,
        kind=ExportJob.Kind.AUDIT,
        fmt=ExportJob.Format.CSV,
        requested_by=superuser,
        params={
            "since": "2026-11-01T00:00:00+07:00",
            "until": "2026-12-01T00:00:00+07:00",
            "actor_id": superuser.pk,
            "model": "tenants.tenant",
        },
    )
    client = site_client(province, superuser)
    html = client.get(reverse("admin:compliance_exportjob_change", args=[job.pk])).content
    html = html.decode()
    assert "<li><strong>Từ ngày</strong>: 01/11/2026</li>" in html
    assert "<li><strong>Đến ngày</strong>: 30/11/2026</li>" in html
    assert f"<li><strong>Người thực hiện</strong>: {superuser.username}</li>" in html
    assert "<li><strong>Loại dữ liệu</strong>: tenants.tenant</li>" in html
    assert "&quot;since&quot;" not in html
