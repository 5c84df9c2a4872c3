"""Figures tables from files: Vietnamese numbers, every malformed upload refused with the
row and column named, and a round trip through CSV and XLSX that keeps the numbers."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from disclosure import tables
from disclosure.tables import TableError, format_vn_number, parse_table, parse_vn_number
from tests.disclosure.factories import RecordFactory


def csv_upload(text: str, name="bang.csv", encoding="utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_upload(rows, name="bang.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def refused(upload, **kwargs) -> list[str]:
    with pytest.raises(TableError) as caught:
        parse_table(upload, **kwargs)
    return caught.value.messages


GOOD_CSV = "Chỉ tiêu;Đơn vị tính;Năm 2025;Năm 2026\nThu nội địa;triệu đồng;1.234.567,5;1.300.000\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234.567,5", Decimal("1234567.5")),
        ("1234567,5", Decimal("1234567.5")),
        ("1.234", Decimal("1234")),
        ("12", Decimal("12")),
        ("0,05", Decimal("0.05")),
        ("-2.500", Decimal("-2500")),
        ("(2.500,25)", Decimal("-2500.25")),
        (" 7\u00a0500 ", Decimal("7500")),
        ("", None),
        ("-", None),
    ],
)
def test_vietnamese_numbers_are_read(text, expected):
    assert parse_vn_number(text) == expected


@pytest.mark.parametrize("text", ["12.5", "1,234.5", "1.23.456", "1.2345", "abc", "1,2,3", "--5"])
def test_numbers_not_written_the_vietnamese_way_are_refused(text):
    with pytest.raises(ValueError):
        parse_vn_number(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234567.5"), "1.234.567,5"),
        (Decimal("-2500"), "-2.500"),
        (Decimal("0.05"), "0,05"),
        (10342.1, "10.342,1"),
        (None, ""),
    ],
)
def test_numbers_are_written_the_vietnamese_way(value, text):
    assert format_vn_number(value) == text


def test_a_good_csv_is_read_into_rows():
    table = parse_table(csv_upload(GOOD_CSV))
    assert table.columns == ["Năm 2025", "Năm 2026"]
    assert table.rows == [
        {"label": "Thu nội địa", "unit": "triệu đồng", "values": ["1234567.5", "1300000"]}
    ]


def test_a_csv_saved_by_excel_with_bom_and_commas_is_read():
    text = '\ufeffChỉ tiêu,Số liệu\n"Dân số","1.254.300"\n'
    assert parse_table(csv_upload(text)).rows[0]["values"] == ["1254300"]


def test_non_utf8_csv_is_refused_with_the_line():
    text = "Chi tieu;Nam 2025\nThu;1\nChi phí;2\n"  # saved as Latin-1 / Windows-1252
    messages = refused(csv_upload(text, encoding="latin-1"))
    assert messages == [
        "Tệp CSV không dùng bảng mã UTF-8 (lỗi ở dòng 3). Hãy lưu lại tệp với “CSV UTF-8” "
        "rồi tải lên lại."
    ]


def test_oversized_file_is_refused():
    big = "Chỉ tiêu;Số\n" + "Dòng;1\n" * 400_000
    assert refused(csv_upload(big)) == ["Tệp quá lớn: tối đa 2 MB."]


def test_empty_and_wrong_kind_are_refused():
    assert refused(csv_upload("")) == ["Tệp rỗng, vui lòng chọn tệp khác."]
    assert refused(csv_upload("a;b\n", name="bang.txt")) == ["Chỉ nhận tệp .csv hoặc .xlsx."]
    assert "Không đọc được tệp XLSX" in refused(SimpleUploadedFile("b.xlsx", b"PK\x03\x04xx"))[0]


def test_xlsx_that_unpacks_to_a_huge_size_is_refused():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (21 * 1024 * 1024))
    upload = SimpleUploadedFile("bom.xlsx", out.getvalue())
    assert upload.size < 2 * 1024 * 1024
    assert refused(upload) == ["Tệp quá lớn: tối đa 20 MB."]


def test_formula_in_a_csv_cell_is_refused_with_row_and_column():
    text = 'Chỉ tiêu;Năm 2025\n"=HYPERLINK(""http://evil.example"";""Bấm"")";1\n'
    messages = refused(csv_upload(text))
    assert messages == [
        'dòng 2, cột A: “=HYPERLINK("http://evil.example";"Bấm")” bắt đầu bằng ký tự '
        "công thức; "
        "không được chấp nhận."
    ]


def test_formula_in_a_number_cell_is_refused():
    messages = refused(csv_upload("Chỉ tiêu;Năm 2025\nThu;=1+1\n"))
    assert messages[0].startswith("dòng 2, cột B:")


def test_formula_in_an_xlsx_cell_is_refused():
    upload = xlsx_upload([["Chỉ tiêu", "Năm 2025"], ["Thu", '=HYPERLINK("http://x","y")']])
    messages = refused(upload)
    assert messages[0].startswith("dòng 2, cột B: ô chứa công thức")


def test_bad_number_names_row_and_column():
    messages = refused(csv_upload("Chỉ tiêu;Năm 2025;Năm 2026\nThu;1.000;12.5\n"))
    assert messages == [
        "dòng 2, cột C: “12.5” không phải số viết theo kiểu Việt Nam (dấu chấm ngăn nghìn, "
        "dấu phẩy thập phân, ví dụ 1.234.567,5)."
    ]


def test_headers_missing_or_duplicated_are_refused():
    assert "Dòng 1 phải là tiêu đề" in refused(csv_upload("Chỉ tiêu\nThu\n"))[0]
    messages = refused(csv_upload("Chỉ tiêu;Năm 2025;Năm 2025\nThu;1;2\n"))
    assert messages == ["dòng 1, cột C: tên cột “Năm 2025” bị trùng."]
    assert refused(csv_upload("Chỉ tiêu;;Năm 2025\nThu;1;2\n")) == ["dòng 1, cột B: thiếu tên cột."]


def test_unknown_unit_and_missing_label_are_refused():
    messages = refused(csv_upload("Chỉ tiêu;Đơn vị tính;Số\nThu;đô la;1\n;người;2\n"))
    assert messages[0].startswith("dòng 2, cột B: đơn vị tính “đô la” không có trong danh mục")
    assert messages[1] == "dòng 3, cột A: thiếu tên chỉ tiêu."


def test_negative_figures_refused_where_the_section_forbids_them():
    upload = csv_upload("Chỉ tiêu;Năm 2025\nChi thường xuyên;-5\n")
    assert refused(upload, allow_negative=False) == [
        "dòng 2, cột B: số âm không được chấp nhận trong chuyên mục này."
    ]
    assert parse_table(upload, allow_negative=True).rows[0]["values"] == ["-5"]


def test_absurd_figures_are_refused():
    messages = refused(csv_upload("Chỉ tiêu;Năm 2025\nThu;9.999.999.999.999.999\n"))
    assert messages == ["dòng 2, cột B: số quá lớn, hãy kiểm tra lại."]


def test_too_many_rows_are_refused():
    text = "Chỉ tiêu;Số\n" + "".join(f"Dòng {i};{i}\n" for i in range(1001))
    assert refused(csv_upload(text)) == ["Tối đa 1000 dòng số liệu."]


@pytest.mark.django_db
def test_csv_round_trip_keeps_the_numbers(commune):
    record = RecordFactory(tenant=commune)
    tables.save_table(record, parse_table(csv_upload(GOOD_CSV)))
    exported = tables.export_csv(record, list(record.rows.all()))
    again = parse_table(SimpleUploadedFile("lai.csv", exported))
    assert again.rows == parse_table(csv_upload(GOOD_CSV)).rows
    assert again.columns == ["Năm 2025", "Năm 2026"]


@pytest.mark.django_db
def test_xlsx_round_trip_keeps_the_numbers(commune):
    record = RecordFactory(tenant=commune)
    upload = xlsx_upload(
        [["Chỉ tiêu", "Đơn vị tính", "Năm 2025"], ["Lúa", "ha", 98450.5], ["Ngô", "ha", "21.300"]]
    )
    tables.save_table(record, parse_table(upload))
    assert [row.values for row in record.rows.all()] == [["98450.5"], ["21300"]]
    exported = tables.export_xlsx(record, list(record.rows.all()))
    sheet = load_workbook(io.BytesIO(exported)).active
    assert [c.value for c in sheet[2]] == ["Lúa", "ha", 98450.5]
    again = parse_table(SimpleUploadedFile("lai.xlsx", exported))
    assert [row["values"] for row in again.rows] == [["98450.5"], ["21300"]]


@pytest.mark.django_db
def test_exports_neutralise_formulas(commune):
    record = RecordFactory(tenant=commune)
    record.table_columns = ["@SUM(A1)"]
    record.save()
    record.rows.create(position=0, label='=HYPERLINK("http://x")', unit="", values=["1"])
    csv_text = tables.export_csv(record, list(record.rows.all())).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'@SUM(A1)" in csv_text
    sheet = load_workbook(io.BytesIO(tables.export_xlsx(record, list(record.rows.all())))).active
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")'
    assert sheet["A2"].data_type == "s"
    assert sheet["B1"].value == "'@SUM(A1)"


@pytest.mark.django_db
def test_a_refused_upload_changes_nothing(commune):
    record = RecordFactory(tenant=commune)
    tables.save_table(record, parse_table(csv_upload(GOOD_CSV)))
    with pytest.raises(TableError):
        tables.save_table(record, parse_table(csv_upload("Chỉ tiêu;Số\nThu;x\n")))
    assert [row.values for row in record.rows.all()] == [["1234567.5", "1300000"]]
