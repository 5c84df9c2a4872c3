"""Demo disclosures for the Sơn Lâm province, made through the real code paths: the
table parser for figures, the upload checks for the map, the workflow for publishing."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portal import publishing
from portal.files import MB, check_upload
from portal.workdays import add_working_days
from tenants import demo_data

from . import tables
from .demo_records import DATASETS, NOTICES, PLANS
from .models import (
    Attachment,
    BudgetDetails,
    BudgetStage,
    DatasetDetails,
    PlanDetails,
    ProjectDetails,
    Record,
    RecruitmentDetails,
    Section,
)
from .timeliness import budget_fact_date

BUDGET_ROWS = [
    ("Tổng thu ngân sách nhà nước trên địa bàn", 1.0),
    ("Thu nội địa", 0.82),
    ("Thu từ hoạt động xuất nhập khẩu", 0.08),
    ("Tổng chi ngân sách địa phương", 1.15),
    ("Chi đầu tư phát triển", 0.38),
    ("Chi thường xuyên", 0.7),
]
FIELDS = ["Giao thông", "Thủy lợi", "Giáo dục", "Y tế", "Văn hóa"]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _record(tenant, slug: str, **fields) -> tuple[Record, bool]:
    record = Record.objects.filter(tenant=tenant, slug=slug).first()
    if record is not None:
        return record, False
    record = Record(tenant=tenant, slug=slug, **fields)
    record.full_clean()
    record.save()
    return record, True


def _publish(record: Record, by, published_on: date) -> None:
    # published_at set before the transition is kept: the demo tells a dated history.
    record.published_at = _at(published_on)
    record.save(update_fields=["published_at"])
    publishing.publish(record, by=by)


def _table(record: Record, header: list[str], rows: list[list[str]], allow_negative=True) -> None:
    text = "\n".join(";".join(cells) for cells in [header, *rows])
    upload = SimpleUploadedFile("bang.csv", text.encode("utf-8"), content_type="text/csv")
    tables.save_table(record, tables.parse_table(upload, allow_negative=allow_negative))


def _map_png() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), "#f4f1e8")
    draw = ImageDraw.Draw(image)
    draw.polygon(
        [(60, 80), (300, 40), (560, 120), (590, 330), (340, 390), (90, 320)],
        outline="#1f4e79",
        width=6,
    )
    draw.line([(300, 40), (340, 390)], fill="#9c4a00", width=4)
    draw.rectangle([(380, 180), (470, 250)], fill="#2e6b30")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def seed(tenants, out) -> None:
    admin = get_user_model().objects.get(username=demo_data.SUPERUSER[0])
    province = tenants["sonlam"]
    communes = [t for slug, t in tenants.items() if slug.startswith(("xa", "phuong"))]
    before = Record.objects.count()
    _plans(tenants, admin)
    for tenant, scale in ((province, 1000), (tenants["xahoabinh"], 3), (tenants["xatanlap"], 2)):
        _budgets(tenant, scale, admin)
    _projects(province, communes, admin)
    _datasets(province, admin)
    _notices(tenants, admin)
    out.write(f"disclosure: {Record.objects.count() - before} records added")


def _plans(tenants, admin) -> None:
    plans = [(tenants[slug], *rest) for slug, *rest in PLANS]
    for tenant, slug, title, kind, level, state, start, end, signed, number in plans:
        record, created = _record(
            tenant,
            slug,
            section=Section.PLANNING,
            title_vi=title,
            field="Quy hoạch",
            record_status=state,
            fact_date=signed,
            year=start.year,
            period_start=start,
            period_end=end,
            reference_number=number,
            summary_vi=f"{title}: mục tiêu, định hướng phát triển và danh mục nhiệm vụ trọng tâm.",
        )
        if not created:
            continue
        PlanDetails.objects.create(record=record, kind=kind, level=level)
        if slug == "quy-hoach-tinh-2021-2030":
            data = _map_png()
            check_upload(SimpleUploadedFile("ban-do.png", data), {"png"}, 5 * MB)
            attachment = Attachment(
                record=record,
                role=Attachment.Role.MAP,
                title_vi="Bản đồ ranh giới quy hoạch",
                alt_text_vi="Bản đồ ranh giới tỉnh Sơn Lâm: đường viền xanh bao quanh toàn "
                "tỉnh, trục giao thông chính màu cam chạy bắc–nam, khu công nghiệp màu xanh lá "
                "ở phía đông.",
            )
            attachment.file = ContentFile(data, name="ban-do-ranh-gioi.png")
            attachment.full_clean()
            attachment.save()
        _publish(record, admin, add_working_days(signed, 3))


def _budgets(tenant, scale: int, admin) -> None:
    for year in (2024, 2025, 2026):
        approval = date(year - 1, 12, 10)
        base = 4200 * scale * (1 + (year - 2024) * 0.07)
        stages = [(BudgetStage.ESTIMATE, None, approval)]
        stages.append(
            (BudgetStage.QUARTER, 3, None)
            if year == 2026
            else (BudgetStage.FINAL, None, date(year + 1, 7, 15))
        )
        for stage, quarter, approved in stages:
            if stage == BudgetStage.FINAL and approved > timezone.localdate():
                continue
            fact = budget_fact_date(stage, year, quarter, approved)
            label = {
                BudgetStage.ESTIMATE: f"Công khai dự toán ngân sách năm {year}",
                BudgetStage.QUARTER: f"Công khai thực hiện ngân sách quý {quarter}/{year}",
                BudgetStage.FINAL: f"Công khai quyết toán ngân sách năm {year}",
            }[stage]
            record, created = _record(
                tenant,
                f"ngan-sach-{year}-{stage}",
                section=Section.BUDGET,
                title_vi=f"{label} — {tenant.name}",
                title_en=f"Budget {year} ({stage}) — {tenant.name_en}",
                field="Tài chính – ngân sách",
                fact_date=fact,
                year=year,
                reference_number=f"{100 + year % 100}/NQ-HĐND" if approved else "",
            )
            if not created:
                continue
            BudgetDetails.objects.create(
                record=record,
                fiscal_year=year,
                stage=stage,
                quarter=quarter,
                approval_date=approved,
            )
            factor = {BudgetStage.QUARTER: 0.72}.get(stage, 1.0)
            header = ["Chỉ tiêu", "Đơn vị tính", f"Năm {year}", f"Năm {year - 1}"]
            rows = [
                [
                    label_,
                    "triệu đồng",
                    tables.format_vn_number(round(base * share * factor, 1)),
                    tables.format_vn_number(round(base * share / 1.07, 1)),
                ]
                for label_, share in BUDGET_ROWS
            ]
            _table(record, header, rows, allow_negative=False)
            late = tenant.slug == "xahoabinh" and stage == BudgetStage.QUARTER
            # One late publication for the compliance report: 40 days after Q3 closed.
            published = fact + timedelta(days=40 if late else 6)
            _publish(record, admin, min(published, timezone.localdate()))


def _projects(province, communes, admin) -> None:
    sources = ["Ngân sách tỉnh", "Ngân sách trung ương", "Ngân sách xã", "Vốn ODA"]
    for index in range(20):
        commune = communes[index % len(communes)]
        publisher = commune if index < 10 else province
        field = FIELDS[index % len(FIELDS)]
        total = 5000 + index * 1730
        disbursed = Decimal(str(round(total * (0.15 + (index % 7) * 0.12), 1)))
        state = ["preparing", "ongoing", "ongoing", "completed"][index % 4]
        record, created = _record(
            publisher,
            f"du-an-{index + 1:02d}",
            section=Section.INVESTMENT,
            title_vi=f"Dự án {field.lower()} số {index + 1} tại {commune.name}",
            title_en=f"{field} project no. {index + 1} in {commune.name_en}",
            field=field,
            record_status=state,
            location=commune,
            year=2025 + index % 2,
            fact_date=date(2025 + index % 2, 1 + index % 9, 10),
            period_start=date(2025 + index % 2, 3, 1),
            period_end=date(2027, 12, 31),
            reference_number=f"{300 + index}/QĐ-UBND",
            summary_vi=f"Đầu tư xây dựng công trình {field.lower()} phục vụ người dân "
            f"{commune.name}.",
        )
        if not created:
            continue
        project = ProjectDetails(
            record=record,
            code=f"DA-{2025 + index % 2}-{index + 1:03d}",
            capital_source=sources[index % 4],
            total_investment=total,
            disbursed=min(disbursed, total),
            progress=min(100, 10 + (index % 7) * 15),
            investor=f"Ban Quản lý dự án {publisher.name}",
        )
        project.full_clean()
        project.save()
        Attachment.objects.create(
            record=record,
            role=Attachment.Role.PROCUREMENT_NOTICE,
            title_vi=f"Thông báo mời thầu gói thầu xây lắp dự án số {index + 1}",
            url="https://muasamcong.mpi.gov.vn/",
            date=record.fact_date + timedelta(days=20),
        )
        _publish(record, admin, add_working_days(record.fact_date, 2))


def _datasets(province, admin) -> None:
    datasets = DATASETS
    for slug, title, field, period, header, rows in datasets:
        record, created = _record(
            province,
            slug,
            section=Section.STATISTICS,
            title_vi=title,
            title_en=title,
            field=field,
            fact_date=date(2026, 3, 31),
            year=2025,
            summary_vi=f"Số liệu {field.lower()} do Thống kê tỉnh tổng hợp.",
        )
        if not created:
            continue
        DatasetDetails.objects.create(record=record, period_label=period, source="Thống kê tỉnh")
        _table(record, header, rows)
        _publish(record, admin, date(2026, 4, 3))


def _notices(tenants, admin) -> None:
    notices = [(tenants[slug], *rest) for slug, *rest in NOTICES]
    for tenant, section, slug, title, state, day in notices:
        record, created = _record(
            tenant,
            slug,
            section=section,
            title_vi=title,
            record_status=state,
            fact_date=day,
            year=day.year,
            summary_vi=f"{title}. Chi tiết xem tài liệu đính kèm.",
        )
        if not created:
            continue
        if section == Section.RECRUITMENT:
            RecruitmentDetails.objects.create(
                record=record,
                positions="Chuyên viên tài chính\nChuyên viên công nghệ thông tin",
                quota=12 if tenant.parent_id is None else 2,
                deadline=day + timedelta(days=30),
                result="" if state == "open" else "Danh sách trúng tuyển: 2 người (xem tệp).",
            )
        _publish(record, admin, add_working_days(day, 2))
