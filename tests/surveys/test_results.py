"""Roll-up arithmetic over a subtree, per period, and the CSV/XLSX exports."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from surveys.exports import safe_cell
from surveys.results import results_by_site, rollup

from .factories import RatingFactory, ResponseFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 10)


def _at(day: date, hour: int = 10):
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def answers(province, commune, other_commune, department):
    """Province 4 (3 easy, 1 hard), commune 3 (1 easy, 2 normal), other commune 2 (hard),
    department 1 (easy), plus 2 answers outside the period that must not count."""
    for tenant, interfaces in (
        (province, ["easy", "easy", "easy", "hard"]),
        (commune, ["easy", "normal", "normal"]),
        (other_commune, ["hard", "hard"]),
        (department, ["easy"]),
    ):
        for interface in interfaces:
            ResponseFactory(tenant=tenant, interface=interface, created_at=_at(DAY))
    ResponseFactory(tenant=commune, created_at=_at(DAY - timedelta(days=40)))
    ResponseFactory(tenant=commune, created_at=_at(DAY + timedelta(days=1), 0))
    for useful in (True, True, False):
        RatingFactory(tenant=commune, useful=useful, created_at=_at(DAY))
    RatingFactory(tenant=province, useful=True, created_at=_at(DAY))


def test_rollup_over_the_province_subtree_adds_up(province, commune, answers):
    sites = list(province.get_descendants(include_self=True))
    rows = results_by_site(sites, DAY - timedelta(days=6), DAY)
    by_site = {row.tenant_id: row for row in rows}
    assert by_site[commune.pk].responses == 3
    assert by_site[commune.pk].counts["interface:normal"] == 2
    total = rollup(rows, "Tổng")
    assert total.responses == 10
    assert total.counts["interface:easy"] == 5
    assert total.counts["interface:hard"] == 3
    assert total.counts["interface:normal"] == 2
    assert total.percent("interface:easy") == 50.0
    assert total.percent("interface:hard") == 30.0
    assert (total.useful, total.not_useful, total.useful_percent) == (3, 1, 75.0)
    # Every dimension sums to the number of responses.
    for dimension in ("interface", "content", "quality", "interaction", "support"):
        assert sum(v for k, v in total.counts.items() if k.startswith(dimension)) == 10


def test_period_bounds_are_local_days(commune, answers):
    only_next_day = results_by_site([commune], DAY + timedelta(days=1), DAY + timedelta(days=1))
    assert only_next_day[0].responses == 1


def test_results_cost_two_queries_whatever_the_number_of_sites(
    province, answers, django_assert_num_queries
):
    sites = list(province.get_descendants(include_self=True))
    with django_assert_num_queries(2):
        results_by_site(sites, DAY, DAY)


def _results(client, tenant, **params):
    query = {"tenant": tenant.pk, "subtree": "on", "start": "2026-11-01", "end": "2026-11-10"}
    query.update(params)
    return client.get(reverse("admin:surveys_results"), query, HTTP_HOST="portal.test")


def test_staff_exports_csv_and_xlsx_that_parse_back(client, board_member, province, answers):
    client.force_login(board_member)
    page = _results(client, province)
    assert page.status_code == 200 and "Tổng cộng" in page.content.decode()
    response = _results(client, province, xuat="csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[0] == "Đơn vị" and header[1] == "Số phiếu khảo sát"
    names = [row[0] for row in body]
    assert names[0] == "Tỉnh Thử Nghiệm" and names[-1] == "Tổng cộng"
    assert {"Xã An Bình", "Xã Bình Minh", "Sở Tài chính"} <= set(names)
    assert body[-1][1] == "10"
    easy = header.index("Giao diện: Dễ truy cập")
    assert body[-1][easy] == "5"
    xlsx = _results(client, province, xuat="xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == header
    assert [row[0] for row in values[1:]] == names
    assert values[-1][1] == 10 and values[-1][easy] == 5


def test_commune_editor_sees_only_their_own_site_even_with_subtree(
    client, commune_editor, province, commune, answers
):
    client.force_login(commune_editor)
    response = _results(client, commune, xuat="csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Xã An Bình", "Tổng cộng"]
    # The province is not a choice for them: the form refuses it.
    refused = _results(client, province)
    assert refused.status_code == 200 and "Tổng cộng" not in refused.content.decode()


def test_hostile_site_name_is_neutralised_in_both_exports(client, superuser, commune):
    commune.name_vi = '=HYPERLINK("http://evil","x")'
    commune.save()
    ResponseFactory(tenant=commune, created_at=_at(DAY))
    client.force_login(superuser)
    csv_rows = list(
        csv.reader(io.StringIO(_results(client, commune, xuat="csv").content.decode("utf-8-sig")))
    )
    assert csv_rows[1][0].startswith("'=")
    sheet = load_workbook(io.BytesIO(_results(client, commune, xuat="xlsx").content)).active
    assert sheet.cell(row=2, column=1).value.startswith("'=")
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert safe_cell("-1") == "'-1" and safe_cell(5) == 5 and safe_cell("Xã") == "Xã"
