"""The admin: a section editor uploads a table, sees the preview, saves it; a malformed file
changes nothing and says where it is wrong; other sites and auditors cannot write."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure.models import BudgetRecord, InvestmentRecord, PlanningRecord, Record
from tests.disclosure.factories import BudgetFactory, RecordFactory, add_rows

pytestmark = pytest.mark.django_db


def table_url(record) -> str:
    return reverse("admin:disclosure_budgetrecord_table", args=[record.pk])


def upload(client, record, text: str, name="bang.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(table_url(record), {"file": file})


def test_upload_preview_then_save(commune, commune_editor, site_client):
    record = BudgetFactory(record__tenant=commune).record
    client = site_client(commune, commune_editor)
    preview = upload(client, record, "Chỉ tiêu;Đơn vị tính;Năm 2026\nThu;triệu đồng;1.234,5\n")
    assert preview.status_code == 200
    assert "Xem trước" in preview.content.decode() and "1.234,5" in preview.content.decode()
    assert not record.rows.exists()  # nothing saved before the editor confirms
    saved = client.post(table_url(record), {"_confirm": "1"})
    assert saved.status_code == 302
    assert [(row.label, row.values) for row in record.rows.all()] == [("Thu", ["1234.5"])]
    assert Record.objects.get(pk=record.pk).table_columns == ["Năm 2026"]


def test_malformed_upload_names_row_and_column_and_keeps_the_old_table(
    commune, commune_editor, site_client
):
    record = add_rows(
        BudgetFactory(record__tenant=commune).record, ["Năm 2026"], [("Thu", "triệu đồng", ["10"])]
    )
    client = site_client(commune, commune_editor)
    response = upload(client, record, "Chỉ tiêu;Năm 2026\nThu;-10\nChi;12.5\n")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Tệp không được nhận, chưa có gì thay đổi." in body
    assert "dòng 2, cột B: số âm không được chấp nhận trong chuyên mục này." in body
    assert "dòng 3, cột B: “12.5” không phải số viết theo kiểu Việt Nam" in body
    assert client.post(table_url(record), {"_confirm": "1"}).status_code == 200  # no preview
    assert [row.values for row in record.rows.all()] == [["10"]]


def test_non_utf8_and_wrong_file_in_the_admin_are_explained(commune, commune_editor, site_client):
    record = BudgetFactory(record__tenant=commune).record
    client = site_client(commune, commune_editor)
    latin = SimpleUploadedFile("b.csv", "Chi tieu;So\nPhí;1\n".encode("latin-1"))
    assert "bảng mã UTF-8" in client.post(table_url(record), {"file": latin}).content.decode()
    pdf = SimpleUploadedFile("b.pdf", b"%PDF-1.4")
    assert (
        "Chỉ nhận tệp .csv hoặc .xlsx."
        in client.post(table_url(record), {"file": pdf}).content.decode()
    )


def test_other_sites_editor_and_auditor_cannot_upload(
    commune, other_commune_editor, auditor, site_client, other_commune, province
):
    record = BudgetFactory(record__tenant=commune).record
    text = "Chỉ tiêu;Năm 2026\nThu;1\n"
    assert upload(site_client(other_commune, other_commune_editor), record, text).status_code == 403
    assert upload(site_client(province, auditor), record, text).status_code == 403
    assert not record.rows.exists()


def test_period_ending_before_it_starts_is_refused(commune, commune_editor, site_client):
    client = site_client(commune, commune_editor)
    response = client.post(
        reverse("admin:disclosure_planningrecord_add"),
        {
            "tenant": commune.pk,
            "title_vi": "Quy hoạch",
            "fact_date": "2026-03-02",
            "year": "2026",
            "period_start": "2030-01-01",
            "period_end": "2021-12-31",
            "plan-TOTAL_FORMS": "1",
            "plan-INITIAL_FORMS": "0",
            "plan-0-kind": "master_plan",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "_save": "1",
        },
    )
    assert response.status_code == 200
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert not PlanningRecord.objects.exists()


def test_disbursed_above_total_and_negative_capital_are_refused(
    commune, commune_editor, site_client
):
    client = site_client(commune, commune_editor)
    data = {
        "tenant": commune.pk,
        "title_vi": "Đường liên thôn",
        "fact_date": "2026-03-02",
        "year": "2026",
        "project-TOTAL_FORMS": "1",
        "project-INITIAL_FORMS": "0",
        "project-0-capital_source": "Ngân sách xã",
        "project-0-total_investment": "100",
        "project-0-disbursed": "150",
        "project-0-progress": "20",
        "project-0-investor": "UBND",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "_save": "1",
    }
    response = client.post(reverse("admin:disclosure_investmentrecord_add"), data)
    assert "Vốn đã giải ngân không được lớn hơn tổng mức đầu tư." in response.content.decode()
    data["project-0-total_investment"] = "-5"
    response = client.post(reverse("admin:disclosure_investmentrecord_add"), data)
    assert response.status_code == 200
    assert not InvestmentRecord.objects.exists()


def test_editor_adds_a_record_in_the_section_of_the_admin_entry(
    commune, commune_editor, site_client
):
    client = site_client(commune, commune_editor)
    response = client.post(
        reverse("admin:disclosure_budgetrecord_add"),
        {
            "tenant": commune.pk,
            "title_vi": "Dự toán 2027",
            "fact_date": "2026-12-10",
            "year": "2027",
            "budget-TOTAL_FORMS": "1",
            "budget-INITIAL_FORMS": "0",
            "budget-0-fiscal_year": "2027",
            "budget-0-stage": "estimate",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "_save": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    record = BudgetRecord.objects.get()
    assert record.section == "budget" and record.budget.fiscal_year == 2027
    assert record.status == "draft" and record.fact_date == date(2026, 12, 10)


def test_changelists_show_each_section_only(commune, commune_editor, site_client):
    RecordFactory(tenant=commune, section="budget", title_vi="Mục ngân sách")
    RecordFactory(tenant=commune, section="land", title_vi="Mục đất đai")
    client = site_client(commune, commune_editor)
    body = client.get(reverse("admin:disclosure_budgetrecord_changelist")).content.decode()
    assert "Mục ngân sách" in body and "Mục đất đai" not in body


def test_forged_add_into_another_site_writes_nothing(
    commune, other_commune, commune_editor, site_client
):
    client = site_client(commune, commune_editor)
    response = client.post(
        reverse("admin:disclosure_landrecord_add"),
        {
            "tenant": other_commune.pk,
            "title_vi": "Giả mạo",
            "fact_date": "2026-03-02",
            "year": "2026",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "_save": "1",
        },
    )
    assert response.status_code in (200, 403)
    assert not Record.objects.filter(title_vi="Giả mạo").exists()


def test_deadline_rules_are_for_superusers_only(
    commune_site_admin, superuser, site_client, commune
):
    url = reverse("admin:disclosure_deadlinerule_changelist")
    assert site_client(commune, commune_site_admin).get(url).status_code == 403
    body = site_client(commune, superuser).get(url).content.decode()
    assert "Luật Tiếp cận thông tin 2016, Điều 18 khoản 4" in body


def test_every_section_admin_page_opens_with_its_records(commune, commune_editor, site_client):
    from disclosure.models import SECTION_PROXIES

    client = site_client(commune, commune_editor)
    for section, proxy in SECTION_PROXIES.items():
        record = RecordFactory(tenant=commune, section=section, title_vi=f"Mục {section}")
        name = proxy._meta.model_name
        listing = client.get(reverse(f"admin:disclosure_{name}_changelist"))
        assert f"Mục {section}" in listing.content.decode()
        assert (
            client.get(reverse(f"admin:disclosure_{name}_change", args=[record.pk])).status_code
            == 200
        )
        assert str(proxy.objects.get(pk=record.pk)) == f"Mục {section}"


def test_map_attachment_without_alt_text_is_a_form_error_not_a_500(
    commune, commune_editor, site_client
):
    """The model's rule named `alt_text`, a field the translated inline does not have."""
    client = site_client(commune, commune_editor)
    response = client.post(
        reverse("admin:disclosure_budgetrecord_add"),
        {
            "tenant": commune.pk,
            "title_vi": "Dự toán 2027",
            "fact_date": "2026-12-10",
            "year": "2027",
            "budget-TOTAL_FORMS": "1",
            "budget-INITIAL_FORMS": "0",
            "budget-0-fiscal_year": "2027",
            "budget-0-stage": "estimate",
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "0",
            "attachments-0-role": "map",
            "attachments-0-title_vi": "Bản đồ",
            "attachments-0-url": "https://example.vn/ban-do",
            "attachments-0-position": "0",
            "_save": "1",
        },
    )
    assert response.status_code == 200
    assert "Bản đồ, ảnh phải có mô tả thay thế." in response.content.decode()
    assert not BudgetRecord.objects.exists()
