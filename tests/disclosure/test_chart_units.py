"""A statistics table in several units is drawn as one chart per unit: schools and
pupils never share an axis (one of them would be a sliver)."""

import re

import pytest

from tests.disclosure.factories import DatasetFactory, add_rows

pytestmark = pytest.mark.django_db


def _charts(body: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", body, flags=re.S)


def test_one_chart_per_unit(province, site_client):
    record = DatasetFactory(record__tenant=province, record__title_vi="Trường lớp 2025").record
    add_rows(
        record,
        ["Công lập", "Ngoài công lập"],
        [("Trường mầm non", "trường", ["412", "38"]), ("Trường tiểu học", "trường", ["356", "4"]),
         ("Học sinh phổ thông", "học sinh", ["243118", "6205"])],
    )  # fmt: skip
    body = site_client(province).get(record.get_absolute_url()).content.decode()
    schools, pupils = _charts(body)
    assert "Trường mầm non" in schools and "Học sinh" not in schools
    assert "Học sinh phổ thông" in pupils and "Trường tiểu học" not in pupils
    assert "Trường lớp 2025 (trường)" in schools and "Trường lớp 2025 (học sinh)" in pupils
    assert body.count('aria-describedby="chart-record-table"') == 2
    assert len(set(re.findall(r'<title id="([^"]+)"', body))) == 2  # ids stay unique


def test_a_table_in_one_unit_keeps_one_chart(province, site_client):
    record = DatasetFactory(record__tenant=province, record__title_vi="Dân số").record
    add_rows(record, ["2024", "2025"], [("Nam", "người", ["1", "2"]), ("Nữ", "người", ["3", "4"])])
    body = site_client(province).get(record.get_absolute_url()).content.decode()
    assert len(_charts(body)) == 1 and '<title id="chart-record-0-title">Dân số</title>' in body
