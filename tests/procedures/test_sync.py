"""Sync: create, update, withdraw, reinstate; idempotent; dry run; every malformed input."""

import json

import pytest

from procedures import fetch, sync
from procedures.models import Assignment, DossierItem, Field, Procedure, ProcedureStatus, SyncRun
from tests.procedures.factories import export, import_records, record


def codes(status=ProcedureStatus.ACTIVE):
    return set(Procedure.objects.filter(status=status).values_list("code", flat=True))


def test_first_sync_creates_procedures_with_dossier_fields_and_assignments(
    source, commune, department
):
    run = import_records(
        source,
        record("1.1", tenants=["xaa"]),
        record(
            "2.1",
            name="Đăng ký thành lập công ty cổ phần",
            level="province",
            field_code="DN",
            field_name="Thành lập và hoạt động doanh nghiệp",
            agency_name="Sở Tài chính",
            agency_tenant="sotaichinh",
            tenants=["sotaichinh"],
        ),
    )
    assert (run.created, run.updated, run.withdrawn, run.unchanged) == (2, 0, 0, 0)
    company = Procedure.objects.get(code="2.1")
    assert company.tenant == source.tenant
    assert company.agency_tenant == department
    assert company.field.name == "Thành lập và hoạt động doanh nghiệp"
    assert list(company.assignments.values_list("tenant", flat=True)) == [department.pk]
    birth = Procedure.objects.get(code="1.1")
    assert [d.name for d in birth.dossier.all()] == ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"]
    assert birth.dossier.first().form_url.endswith("khai-sinh.docx")
    assert birth.legal_basis == [{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}]
    assert birth.search_text.startswith("1.1 dang ky khai sinh")


def test_a_second_run_of_the_same_file_reports_no_change(source, commune):
    data = [record("1.1"), record("1.2", name="Đăng ký kết hôn")]
    import_records(source, *data)
    before = list(Procedure.objects.values_list("pk", "synced_at"))
    run = import_records(source, *data)
    assert run.changes == 0 and run.unchanged == 2
    assert list(Procedure.objects.values_list("pk", "synced_at")) == before


def test_changed_record_is_updated_in_place_with_its_dossier_replaced(
    source, commune, other_commune
):
    import_records(source, record("1.1"))
    pk = Procedure.objects.get().pk
    run = import_records(
        source,
        record("1.1", fees="8.000 đồng", dossier=[{"name": "Tờ khai mới"}], tenants=["xaa", "xab"]),
    )
    assert (run.created, run.updated) == (0, 1)
    procedure = Procedure.objects.get()
    assert procedure.pk == pk and procedure.fees == "8.000 đồng"
    assert [d.name for d in procedure.dossier.all()] == ["Tờ khai mới"]
    assert DossierItem.objects.count() == 1
    assert set(procedure.assignments.values_list("tenant", flat=True)) == {
        commune.pk,
        other_commune.pk,
    }


def test_missing_procedure_is_withdrawn_not_deleted_and_returns_when_back(source, commune):
    import_records(source, record("1.1"), record("1.2", name="Đăng ký kết hôn"))
    run = import_records(source, record("1.1"))
    assert run.withdrawn == 1
    withdrawn = Procedure.objects.get(code="1.2")
    assert withdrawn.status == ProcedureStatus.WITHDRAWN and withdrawn.withdrawn_at is not None
    assert withdrawn.dossier.count() == 2  # kept as it was
    assert import_records(source, record("1.1")).changes == 0  # stays withdrawn, no new change
    run = import_records(source, record("1.1"), record("1.2", name="Đăng ký kết hôn"))
    assert run.reinstated == 1 and run.withdrawn == 0
    back = Procedure.objects.get(code="1.2")
    assert (
        back.pk == withdrawn.pk
        and back.status == ProcedureStatus.ACTIVE
        and back.withdrawn_at is None
    )


def test_dry_run_reports_the_plan_and_writes_nothing(source, commune):
    import_records(source, record("1.1"), record("1.2", name="Đăng ký kết hôn"))
    snapshot = list(Procedure.objects.values_list("code", "status", "fees", "content_hash"))
    run = sync.sync_source(
        source,
        data=export(record("1.1", fees="Thay đổi"), record("1.3", name="Đăng ký khai tử")),
        dry_run=True,
    )
    assert run.outcome == SyncRun.Outcome.OK and run.dry_run
    assert (run.created, run.updated, run.withdrawn) == (1, 1, 1)
    assert list(Procedure.objects.values_list("code", "status", "fees", "content_hash")) == snapshot
    assert not Procedure.objects.filter(code="1.3").exists()


def test_csv_export_with_multi_line_cells_imports_like_json(source, commune, other_commune):
    header = (
        "code,name,field_code,field_name,level,agency_name,implementing_tenants,online_level,"
        "partial_reason,submission_url,dossier,legal_basis\n"
    )
    row = (
        "1.5,Chứng thực chữ ký,CT,Chứng thực,commune,UBND cấp xã,xaa;xab,partial,"
        "Phải ký trước mặt người chứng thực.,https://dvc.example.vn/1.5,"
        '"Giấy tờ cần chứng thực | 01 bản\nGiấy tờ tùy thân | 01 bản sao | Mẫu 01 | https://dvc.example.vn/m.docx",'
        '"23/2015/NĐ-CP | Nghị định về chứng thực"\n'
    )
    run = sync.sync_source(source, data=(header + row).encode(), filename="export.csv")
    assert run.outcome == SyncRun.Outcome.OK, run.errors
    procedure = Procedure.objects.get(code="1.5")
    assert procedure.online_level == "partial"
    assert [(d.name, d.form_url) for d in procedure.dossier.all()] == [
        ("Giấy tờ cần chứng thực", ""),
        ("Giấy tờ tùy thân", "https://dvc.example.vn/m.docx"),
    ]
    assert procedure.legal_basis == [
        {"number": "23/2015/NĐ-CP", "title": "Nghị định về chứng thực"}
    ]
    assert Assignment.objects.filter(procedure=procedure).count() == 2


def test_field_renamed_at_the_source_is_renamed_here(source, commune):
    import_records(source, record("1.1"))
    import_records(source, record("1.1", field_name="Hộ tịch và chứng thực"))
    assert Field.objects.get().name == "Hộ tịch và chứng thực"


MALFORMED = {
    "bad JSON": (b'{"procedures": [{"code": "1.1",}]}', "JSON không hợp lệ ở dòng 1"),
    "missing required field": (
        export(record("1.1", name="")),
        "Bản ghi 1 (mã 1.1), trường “name”: bắt buộc",
    ),
    "duplicate code": (
        export(record("1.1"), record("1.1", name="Khác")),
        "Bản ghi 2 (mã 1.1), trường “code”: mã trùng với bản ghi 1",
    ),
    "unknown level": (
        export(record("1.1", level="huyen_moi")),
        "trường “level”: “huyen_moi” không phải cấp",
    ),
    "over-long field": (
        export(record("1.1", name="x" * 601)),
        "trường “name”: dài 601 ký tự, tối đa 600",
    ),
    "non-UTF-8 CSV": (b"code,name\n1.1,\xd0\xe3ng k\xfd khai sinh\n", "Tệp không phải UTF-8"),
    "partial without a reason": (
        export(record("1.1", online_level="partial")),
        "trường “partial_reason”: bắt buộc khi thủ tục chỉ trực tuyến một phần",
    ),
    "unknown tenant": (export(record("1.1", tenants=["khongco"])), "không có đơn vị “khongco”"),
    "unknown online level": (export(record("1.1", online_level="4")), "trường “online_level”"),
    "bad form URL": (
        export(record("1.1", dossier=[{"name": "Tờ khai", "form_url": "javascript:alert(1)"}])),
        "trường “dossier[1].form_url”",
    ),
    "not a list": (b'{"procedures": {"code": "1.1"}}', "JSON phải là một danh sách"),
    "record not an object": (b'["1.1"]', "Bản ghi 1 (mã ?)"),
    "wrong type": (export(record("1.1", fees=5000)), "trường “fees”: phải là chuỗi ký tự"),
    "code unusable in an address": (export(record("1.1/x")), "trường “code”: chỉ gồm chữ cái"),
    "empty export": (export(), "Tệp không có thủ tục nào"),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_malformed_export_is_reported_by_record_and_field_and_changes_nothing(
    case, source, commune
):
    import_records(source, record("1.1", fees="Cũ"), record("1.2", name="Đăng ký kết hôn"))
    snapshot = list(Procedure.objects.values_list("code", "status", "fees"))
    data, expected = MALFORMED[case]
    run = sync.sync_source(source, data=data, filename="export.csv" if "CSV" in case else "")
    assert run.outcome == SyncRun.Outcome.INVALID
    assert any(expected in error for error in run.errors), run.errors
    assert list(Procedure.objects.values_list("code", "status", "fees")) == snapshot


def test_every_bad_record_is_reported_not_only_the_first(source, commune):
    run = sync.sync_source(
        source, data=export(record("1.1", level="x"), record("1.2"), record("1.3", name=""))
    )
    assert len(run.errors) == 2
    assert "Bản ghi 1" in run.errors[0] and "Bản ghi 3" in run.errors[1]


def test_a_tenant_outside_the_sources_tree_is_refused(source, commune):
    from tests.tenants.factories import TenantFactory

    TenantFactory(slug="tinhkhac", kind="province")
    run = sync.sync_source(source, data=export(record("1.1", tenants=["tinhkhac"])))
    assert run.outcome == SyncRun.Outcome.INVALID
    assert "không có đơn vị “tinhkhac”" in run.errors[0]


def test_a_100_mb_file_is_refused_before_it_is_read(source, commune, tmp_path):
    big = tmp_path / "export.json"
    with open(big, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(fetch.FetchError, match="Tệp quá lớn"):
        fetch.read_file(big)


def test_oversized_data_is_recorded_as_a_failure(source, commune, settings):
    settings.PROCEDURES_SYNC_MAX_BYTES = 1000
    run = sync.sync_source(source, data=export(*[record(f"1.{i}") for i in range(10)]))
    assert run.outcome == SyncRun.Outcome.FAILED
    assert "Tệp quá lớn" in run.errors[0]
    assert not Procedure.objects.exists()


def test_the_sync_is_one_transaction(source, commune, monkeypatch):
    """A failure half-way through writing leaves the previous catalogue intact."""
    import_records(source, record("1.1", fees="Cũ"))
    original = sync._write_children

    def fail_after_first_batch(pairs, tenant_ids):
        original(pairs, tenant_ids)
        raise RuntimeError("database went away")

    monkeypatch.setattr(sync, "_write_children", fail_after_first_batch)
    run = sync.sync_source(source, data=export(record("1.1", fees="Mới"), record("1.9")))
    assert run.outcome == SyncRun.Outcome.FAILED
    assert "database went away" in run.errors[0]
    assert list(Procedure.objects.values_list("code", "fees")) == [("1.1", "Cũ")]


def test_json_document_may_be_a_bare_list(source, commune):
    run = sync.sync_source(source, data=json.dumps([record("1.1")]).encode())
    assert run.outcome == SyncRun.Outcome.OK and run.created == 1


def test_csv_saved_by_a_spreadsheet_with_a_byte_order_mark_is_read(source, commune):
    data = (
        "\ufeffcode,name,field_code,field_name,level,agency_name,implementing_tenants,online_level\n"
        "1.7,Đăng ký khai tử,HT,Hộ tịch,commune,UBND cấp xã,xaa,none\n"
    ).encode()
    run = sync.sync_source(source, data=data, filename="export.csv")
    assert run.outcome == SyncRun.Outcome.OK, run.errors
    assert Procedure.objects.get().name == "Đăng ký khai tử"
