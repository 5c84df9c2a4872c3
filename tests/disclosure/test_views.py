"""Public pages: landing with filters and keyset pages, province-wide view with the
publishing unit, detail with both dates, charts with their data tables, feeds, exports."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from disclosure import selectors
from disclosure.models import Section
from portal.publishing import PublicationStatus
from tests.disclosure.factories import (
    BudgetFactory,
    DatasetFactory,
    ProjectFactory,
    RecordFactory,
    add_rows,
)
from tests.tenants.factories import TenantFactory

pytestmark = pytest.mark.django_db


def test_commune_landing_lists_its_own_published_records(commune, other_commune, site_client):
    RecordFactory(tenant=commune, title_vi="Quy hoạch chung xã An Bình")
    RecordFactory(tenant=commune, title_vi="Bản nháp chưa đăng", status=PublicationStatus.DRAFT)
    RecordFactory(tenant=other_commune, title_vi="Quy hoạch xã Bình Minh")
    response = site_client(commune).get("/quy-hoach-ke-hoach/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Quy hoạch chung xã An Bình" in body
    assert "Bản nháp chưa đăng" not in body
    assert "Quy hoạch xã Bình Minh" not in body


def test_province_lists_the_subtree_with_the_publishing_unit(
    province, commune, other_commune, site_client
):
    RecordFactory(tenant=commune, section=Section.BUDGET, title_vi="Dự toán xã An Bình")
    RecordFactory(tenant=other_commune, section=Section.BUDGET, title_vi="Dự toán xã Bình Minh")
    body = site_client(province).get("/ngan-sach/").content.decode()
    assert "Dự toán xã An Bình" in body and "Dự toán xã Bình Minh" in body
    assert "<dt>Đơn vị công bố</dt><dd>Xã An Bình</dd>" in body
    filtered = site_client(province).get(f"/ngan-sach/?don-vi={commune.pk}").content.decode()
    assert "Dự toán xã An Bình" in filtered and "Dự toán xã Bình Minh" not in filtered


def test_filters_by_year_field_and_status(commune, site_client):
    RecordFactory(
        tenant=commune,
        title_vi="Giao thông 2025",
        field="Giao thông",
        record_status="approved",
        fact_date=date(2025, 5, 1),
    )
    RecordFactory(
        tenant=commune,
        title_vi="Thủy lợi 2026",
        field="Thủy lợi",
        record_status="consultation",
        fact_date=date(2026, 5, 1),
    )
    client = site_client(commune)
    by_year = client.get("/quy-hoach-ke-hoach/?nam=2025").content.decode()
    assert "Giao thông 2025" in by_year and "Thủy lợi 2026" not in by_year
    by_field = client.get("/quy-hoach-ke-hoach/?linh-vuc=Thủy+lợi").content.decode()
    assert "Thủy lợi 2026" in by_field and "Giao thông 2025" not in by_field
    by_status = client.get("/quy-hoach-ke-hoach/?tinh-trang=approved").content.decode()
    assert "Giao thông 2025" in by_status and "Thủy lợi 2026" not in by_status
    hostile = client.get("/quy-hoach-ke-hoach/?nam=x'%3B--&tinh-trang=<b>&don-vi=99999999999")
    assert hostile.status_code == 200
    for query in (
        "linh-vuc=%00",
        "linh-vuc=a%00b",
        "sau=-1-2",
        f"sau={'9' * 30}-1",
        f"nam={'9' * 20}",
    ):
        assert client.get(f"/quy-hoach-ke-hoach/?{query}").status_code == 200, query


def test_keyset_pages_cover_every_record_once(commune, site_client):
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(45):
        RecordFactory(
            tenant=commune, title_vi=f"Hồ sơ {n:03d}", published_at=start + timedelta(hours=n // 2)
        )
    client = site_client(commune)
    seen, url = [], "/quy-hoach-ke-hoach/"
    while url:
        response = client.get(url)
        page = response.context["page"]
        seen += [record.pk for record in page.records]
        url = f"/quy-hoach-ke-hoach/?sau={page.next_cursor}" if page.next_cursor else None
    assert len(seen) == len(set(seen)) == 45
    assert client.get("/quy-hoach-ke-hoach/?sau=rác-không-hợp-lệ").status_code == 200


def test_detail_shows_fact_and_publication_dates_and_late_flag(commune, site_client):
    record = RecordFactory(
        tenant=commune,
        title_vi="Kế hoạch năm 2026",
        fact_date=date(2026, 2, 13),
        published_at=datetime(2026, 3, 3, 3, 0, tzinfo=UTC),
        reference_number="12/QĐ-UBND",
    )
    response = site_client(commune).get(record.get_absolute_url())
    body = response.content.decode()
    assert "<dt>Ngày phát sinh thông tin</dt><dd>13/02/2026</dd>" in body
    assert "03/03/2026" in body and "chậm 4 ngày so với hạn" in body
    assert "12/QĐ-UBND" in body


def test_detail_of_a_draft_or_wrong_section_is_not_found_and_old_slug_redirects(
    commune, site_client
):
    client = site_client(commune)
    draft = RecordFactory(tenant=commune, status=PublicationStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    record = RecordFactory(tenant=commune)
    wrong = record.get_absolute_url().replace("quy-hoach-ke-hoach", "ngan-sach")
    assert client.get(wrong).status_code == 404
    moved = client.get(f"/quy-hoach-ke-hoach/{record.pk}-ten-cu/")
    assert moved.status_code == 301 and moved["Location"] == record.get_absolute_url()


def test_english_site_lists_only_records_with_english_titles(commune, site_client):
    RecordFactory(tenant=commune, title_vi="Chỉ tiếng Việt", title_en="")
    RecordFactory(tenant=commune, title_vi="Song ngữ", title_en="Bilingual plan")
    body = site_client(commune).get("/en/quy-hoach-ke-hoach/").content.decode()
    assert "Bilingual plan" in body and "Chỉ tiếng Việt" not in body


def test_english_url_of_a_vietnamese_only_record_is_not_a_404(commune, site_client):
    """The language switch on a Vietnamese-only record leads to its English URL."""
    record = RecordFactory(tenant=commune, title_vi="Chỉ tiếng Việt", title_en="")
    with translation.override("en"):
        url = record.get_absolute_url()
    assert url.startswith("/en/")
    response = site_client(commune).get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "available in Vietnamese only" in body and 'content="noindex"' in body
    assert "Chỉ tiếng Việt" in body


def test_dataset_page_has_table_chart_and_downloads(province, site_client):
    record = DatasetFactory(record__tenant=province, record__title_vi="Dân số 2025").record
    add_rows(
        record,
        ["Năm 2024", "Năm 2025"],
        [("Dân số", "người", ["1254300", "1268950"]), ("Thất nghiệp", "%", ["2.31", None])],
    )
    client = site_client(province)
    body = client.get(record.get_absolute_url()).content.decode()
    assert 'role="img"' in body and 'aria-describedby="chart-record-table"' in body
    assert '<td class="num">1.268.950</td>' in body and '<td class="num">2,31</td>' in body
    csv_response = client.get(record.get_absolute_url() + "du-lieu.csv")
    assert csv_response["Content-Type"] == "text/csv"
    assert "Dân số,người,1.254.300,1.268.950" in csv_response.content.decode("utf-8-sig")
    xlsx = client.get(record.get_absolute_url() + "du-lieu.xlsx")
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


def test_budget_landing_charts_three_years_of_estimates(commune, site_client):
    for year, revenue in ((2024, "100"), (2025, "110"), (2026, "121.5")):
        record = BudgetFactory(record__tenant=commune, fiscal_year=year).record
        add_rows(record, [f"Năm {year}"], [("Tổng thu", "triệu đồng", [revenue])])
    BudgetFactory(record__tenant=commune, fiscal_year=2026, stage="quarter", quarter=1)
    chart, rows = selectors.budget_trend(commune)
    assert [name for name, _values in chart.series] == ["2024", "2025", "2026"]
    assert rows == [("Tổng thu", [Decimal("100"), Decimal("110"), Decimal("121.5")])]
    body = site_client(commune).get("/ngan-sach/").content.decode()
    assert "Dự toán ngân sách qua các năm" in body and "121,5" in body


def test_province_investment_chart_gives_the_disbursement_rate_per_commune(
    province, commune, other_commune, site_client
):
    ProjectFactory(
        record__tenant=province,
        record__location=commune,
        total_investment=Decimal("1000"),
        disbursed=Decimal("500"),
    )
    ProjectFactory(
        record__tenant=commune, total_investment=Decimal("1000"), disbursed=Decimal("100")
    )
    ProjectFactory(
        record__tenant=other_commune, total_investment=Decimal("400"), disbursed=Decimal("100")
    )
    ProjectFactory(
        record__tenant=other_commune,
        record__status=PublicationStatus.DRAFT,
        total_investment=Decimal("9000"),
        disbursed=Decimal("0"),
    )
    rows = selectors.disbursement_by_unit(province)
    assert [(row["unit"], row["rate"]) for row in rows] == [
        ("Xã An Bình", Decimal("30.0")),
        ("Xã Bình Minh", Decimal("25.0")),
    ]
    body = site_client(province).get("/du-an-dau-tu/").content.decode()
    assert "Tỷ lệ giải ngân vốn đầu tư công theo địa bàn" in body
    assert '<th scope="row">Xã An Bình</th><td class="num">30</td>' in body
    assert "Tỷ lệ giải ngân" not in site_client(commune).get("/du-an-dau-tu/").content.decode()


def test_rss_feed_per_section(commune, site_client):
    RecordFactory(tenant=commune, section=Section.RECRUITMENT, title_vi="Tuyển công chức")
    RecordFactory(tenant=commune, section=Section.LAND, title_vi="Bảng giá đất")
    response = site_client(commune).get("/tuyen-dung/rss/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "Tuyển công chức" in body and "Bảng giá đất" not in body


def test_menu_groups_the_sections(commune, site_client):
    body = site_client(commune).get("/cong-khai-thong-tin/").content.decode()
    for label in (
        "Quy hoạch – Kế hoạch",
        "Ngân sách",
        "Dự án đầu tư",
        "Số liệu thống kê",
        "Tuyển dụng",
        "Phòng, chống tham nhũng",
        "Đề tài khoa học",
        "Giá đất, thu hồi đất, bồi thường",
    ):
        assert label in body
    assert 'href="/dat-dai-boi-thuong/"' in body


def test_landing_query_budget_does_not_grow_with_records(
    province, commune, other_commune, site_client, django_assert_max_num_queries
):
    for n in range(6):  # more units in the filter must not cost more queries
        TenantFactory(parent=province, slug=f"xathem{n}")
    for tenant in (province, commune, other_commune):
        for _n in range(15):
            ProjectFactory(record__tenant=tenant, record__location=commune)
    client = site_client(province)
    client.get("/du-an-dau-tu/")  # warm the tenant and menu caches
    with django_assert_max_num_queries(6):
        first = client.get("/du-an-dau-tu/")
    cursor = first.context["page"].next_cursor
    with django_assert_max_num_queries(5):
        assert client.get(f"/du-an-dau-tu/?sau={cursor}").status_code == 200


def test_detail_query_budget(province, site_client, django_assert_max_num_queries):
    record = BudgetFactory(record__tenant=province).record
    add_rows(record, ["Năm 2026"], [(f"Dòng {n}", "triệu đồng", [str(n)]) for n in range(30)])
    client = site_client(province)
    client.get(record.get_absolute_url())
    with django_assert_max_num_queries(4):
        assert client.get(record.get_absolute_url()).status_code == 200


def test_detail_carries_machine_readable_metadata(commune, site_client):
    record = RecordFactory(
        tenant=commune,
        reference_number="12/QĐ-UBND",
        metadata={"keywords": "quy hoạch, đất đai", "license": "CC-BY-4.0"},
    )
    body = site_client(commune).get(record.get_absolute_url()).content.decode()
    assert '<meta name="dcterms.identifier" content="12/QĐ-UBND">' in body
    assert '<meta name="dcterms.created" content="2026-03-02">' in body
    assert '<meta name="dcterms.license" content="CC-BY-4.0">' in body


def test_province_shows_a_commune_record_and_points_to_the_original(province, commune, site_client):
    record = RecordFactory(tenant=commune, title_vi="Kế hoạch của xã")
    body = site_client(province).get(record.get_absolute_url()).content.decode()
    original = f"http://xaa.portal.test{record.get_absolute_url()}"
    assert f'<link rel="canonical" href="{original}">' in body
    own = site_client(commune).get(record.get_absolute_url()).content.decode()
    assert 'rel="canonical"' not in own


def test_feed_export_and_index_query_budgets(province, site_client, django_assert_max_num_queries):
    record = DatasetFactory(record__tenant=province).record
    add_rows(record, ["Năm 2025"], [(f"Dòng {n}", "người", [str(n)]) for n in range(50)])
    for _n in range(20):
        RecordFactory(tenant=province, section=Section.STATISTICS)
    client = site_client(province)
    client.get("/cong-khai-thong-tin/")
    with django_assert_max_num_queries(0):
        client.get("/cong-khai-thong-tin/")
    with django_assert_max_num_queries(2):
        assert client.get("/so-lieu-thong-ke/rss/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(record.get_absolute_url() + "du-lieu.xlsx").status_code == 200
