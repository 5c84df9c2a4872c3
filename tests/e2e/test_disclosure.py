"""Disclosure pages in Chromium: landing, detail and dataset pages (charts included) have
zero axe violations, fit a 390px phone and work without JavaScript."""

import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from disclosure.models import Attachment
from tests.disclosure.factories import (
    BudgetFactory,
    DatasetFactory,
    ProjectFactory,
    RecordFactory,
    add_rows,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def disclosures(e2e_sites):
    province, commune = e2e_sites["province"], e2e_sites["commune"]
    for year in (2024, 2025, 2026):
        budget = BudgetFactory(
            record__tenant=commune,
            fiscal_year=year,
            record__title_vi=f"Dự toán ngân sách năm {year}",
        ).record
        add_rows(
            budget,
            [f"Năm {year}", f"Năm {year - 1}"],
            [
                ("Tổng thu ngân sách", "triệu đồng", [str(9000 + year), "8800"]),
                ("Chi đầu tư phát triển", "triệu đồng", ["3100.5", "2900"]),
                ("Chi thường xuyên", "triệu đồng", ["5200", "5000"]),
            ],
        )
    for n in range(4):
        ProjectFactory(
            record__tenant=province,
            record__location=commune,
            record__title_vi=f"Dự án đường giao thông số {n}",
            total_investment=Decimal(1000 + n * 100),
            disbursed=Decimal(300),
        )
    dataset = DatasetFactory(record__tenant=province, record__title_vi="Dân số năm 2025").record
    add_rows(
        dataset,
        ["Năm 2024", "Năm 2025"],
        [
            ("Dân số trung bình", "người", ["1254300", "1268950"]),
            ("Tỷ lệ thất nghiệp", "%", ["2.31", "2.14"]),
        ],
    )
    plan = RecordFactory(tenant=commune, record_status="approved", title_vi="Quy hoạch chung xã")
    image = io.BytesIO()
    Image.new("RGB", (300, 200), "#f4f1e8").save(image, "PNG")
    map_file = Attachment(
        record=plan, role="map", title_vi="Bản đồ ranh giới", alt_text_vi="Ranh giới xã An Bình"
    )
    map_file.file = ContentFile(image.getvalue(), name="ban-do.png")
    map_file.full_clean()
    map_file.save()
    return {"budget": budget, "dataset": dataset, "plan": plan, **e2e_sites}


def test_landing_detail_and_dataset_pages_are_accessible(
    page, disclosures, site_url, assert_accessible
):
    province, commune = disclosures["province"], disclosures["commune"]
    pages = [
        (commune, "/ngan-sach/"),
        (province, "/du-an-dau-tu/"),
        (commune, "/quy-hoach-ke-hoach/"),
        (province, "/cong-khai-thong-tin/"),
        (commune, disclosures["budget"].get_absolute_url()),
        (commune, disclosures["plan"].get_absolute_url()),
        (province, disclosures["dataset"].get_absolute_url()),
        (province, "/en" + disclosures["dataset"].get_absolute_url()),
    ]
    for tenant, path in pages:
        page.goto(site_url(tenant, path))
        if path == disclosures["plan"].get_absolute_url():
            assert (
                page.locator("img[alt='Ranh giới xã An Bình']").evaluate("i => i.naturalWidth")
                == 300
            )
        assert page.locator("h1").count() == 1, path
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        assert_accessible(page)


def test_charts_render_without_javascript_with_their_table(browser, disclosures, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url(disclosures["province"], disclosures["dataset"].get_absolute_url()))
    charts = page.locator("svg.disclosure-chart")  # one chart per unit of measure
    assert charts.count() >= 1
    chart = charts.first
    assert chart.get_attribute("role") == "img"
    assert chart.bounding_box()["width"] > 200
    assert "1.268.950" in page.locator("#chart-record-table").inner_text()
    page.goto(site_url(disclosures["province"], "/du-an-dau-tu/"))
    assert "Xã An Bình" in page.locator("#chart-units-table").inner_text()
    context.close()
