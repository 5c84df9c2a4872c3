"""The platform's default indicator catalogue (REQUIREMENTS A5, B1–B18, C, D, E).

Loaded by a data migration as rows without a tenant; a province gets its own editable
copy the first time it is measured (`catalogue_for`). Legal bases are data, editable in
the admin: a province corrects or extends them without a deploy.
"""

from __future__ import annotations

from django.db import transaction

from portal import deadlines

ND224_9_2 = "NĐ 224/2026 Điều 9 khoản 2"
ND224_9_3 = "NĐ 224/2026 Điều 9 khoản 3"
ND224_10 = "NĐ 224/2026 Điều 10"
ND224_11 = "NĐ 224/2026 Điều 11"
ND224_12 = "NĐ 224/2026 Điều 12 khoản 2"
ND224_13 = "NĐ 224/2026 Điều 13"
LTCTT_17 = "Luật TCTT Điều 17"
LTCTT_18 = deadlines.LEGAL_BASIS_SHORT
ND42_6 = "NĐ 42/2022 Điều 6"
LOCALITIES = ["province", "commune", "ward", "special_zone"]
GOVERNMENTS = ["province", "commune", "ward", "special_zone", "department"]

# (code, vi, en, axis, requirement, legal basis, check key, params, weight, pass, partial,
#  applies_to or None for every kind)
_SECTIONS = [
    ("B1", "Văn bản quy phạm pháp luật, chỉ đạo điều hành", "Legal documents", "documents"),
    ("B2", "Dự thảo văn bản lấy ý kiến", "Draft documents for consultation", "documents"),
    ("B3", "Điều ước, thỏa thuận quốc tế", "Treaties and international agreements", "documents"),
    ("B4", "Thủ tục hành chính, dịch vụ công", "Administrative procedures", "procedures"),
    ("B5", "Phổ biến, hướng dẫn pháp luật; chính sách", "Legal dissemination", "content"),
    ("B6", "Chiến lược, chương trình, kế hoạch, quy hoạch", "Strategies and plans", "disclosure"),
    ("B7", "Đầu tư công, mua sắm công", "Public investment and procurement", "disclosure"),
    ("B8", "Ngân sách: dự toán, quyết toán", "Budget estimates and final accounts", "disclosure"),
    ("B9", "Thống kê ngành, lĩnh vực", "Sector statistics", "disclosure"),
    ("B10", "Chương trình, đề tài khoa học", "Science programmes and projects", "disclosure"),
    ("B11", "Đất đai: quy hoạch, giá đất, thu hồi, bồi thường", "Land use", "disclosure"),
    ("B12", "Tuyển dụng; phòng, chống tham nhũng", "Recruitment; anti-corruption", "disclosure"),
    ("B13", "Giới thiệu cơ quan: chức năng, cơ cấu, sơ đồ tổ chức", "About the agency", "content"),
    ("B14", "Giới thiệu địa phương", "About the locality", "content"),
    ("B15", "Tin tức, sự kiện", "News and events", "content"),
    ("B16", "Liên kết đến các cơ quan, cổng dịch vụ công", "Links to agencies", "content"),
]
_SECTION_KINDS = {
    "B3": ["province", "department"],
    "B10": ["province", "department"],  # communes run no science programmes
    "B11": LOCALITIES,
    "B14": LOCALITIES,
}


def _rows() -> list[dict]:
    rows = [
        dict(
            code="A-FOOTER",
            name_vi="Chân trang đủ thông tin (cơ quan chủ quản, người chịu trách nhiệm, liên hệ, "
            "giấy phép)",
            name_en="Footer complete (governing body, responsible person, contacts, licence)",
            axis="a",
            requirement="A5",
            legal_basis=ND42_6,
            check_key="footer_complete",
        ),
        dict(
            code="A-ABOUT-EN",
            name_vi="Thông tin giới thiệu đầy đủ, có bản tiếng Anh",
            name_en="About information complete, with English versions",
            axis="a",
            requirement="B13",
            legal_basis=ND224_9_2,
            check_key="about_english",
            threshold_pass=100,
            threshold_partial=70,
        ),
        dict(
            code="A-HOTLINE",
            name_vi="Công bố đường dây nóng",
            name_en="Hotline listed",
            axis="a",
            requirement="D",
            legal_basis=ND224_10,
            check_key="hotline_listed",
        ),
    ]
    for section, name_vi, name_en, app in _SECTIONS:
        rows.append(
            dict(
                code=f"A-{section}",
                name_vi=f"Mục {section} có thông tin: {name_vi}",
                name_en=f"Section {section} not empty: {name_en}",
                axis="a",
                requirement=section,
                legal_basis=ND224_9_2 if section != "B4" else "NĐ 224/2026 Điều 9 khoản 2 điểm d",
                check_key="required_section",
                params={"section": section, "app": app},
                threshold_pass=1,
                threshold_partial=1,
                applies_to=_SECTION_KINDS.get(section),
            )
        )
    rows += [
        dict(
            code="A-B18",
            name_vi="Có chức năng đăng thông báo khẩn cấp",
            name_en="Urgent notices can be published",
            axis="a",
            requirement="B18",
            legal_basis=ND224_9_3,
            check_key="required_section",
            params={"section": "B18", "app": "content"},
            threshold_pass=0,
            threshold_partial=0,
            weight=0.5,
        ),
        dict(
            code="A-B17",
            name_vi="Danh mục thông tin phải công khai",
            name_en="List of information that must be disclosed",
            axis="a",
            requirement="B17",
            legal_basis=LTCTT_17,
            check_key="disclosure_list",
        ),
        dict(
            code="A-TIME-DOC",
            name_vi="Văn bản đăng đúng hạn",
            name_en="Documents published on time",
            axis="a",
            requirement="B1",
            legal_basis=LTCTT_18,
            check_key="timeliness",
            params={"app": "documents"},
            threshold_pass=0,
            threshold_partial=2,
        ),
        dict(
            code="A-TIME-DISC",
            name_vi="Thông tin công khai (quy hoạch, đầu tư, thống kê...) đăng đúng hạn",
            name_en="Disclosures published on time",
            axis="a",
            requirement="B6",
            legal_basis=LTCTT_18,
            check_key="timeliness",
            # The budget has its own indicator (A-TIME-B8): not counted twice.
            params={"app": "disclosure", "exclude_sections": ["B8"]},
            threshold_pass=0,
            threshold_partial=2,
        ),
        dict(
            code="A-TIME-B8",
            name_vi="Ngân sách công khai đúng hạn",
            name_en="Budget disclosures on time",
            axis="a",
            requirement="B8",
            legal_basis=LTCTT_18,
            check_key="timeliness",
            params={"app": "disclosure", "section": "B8"},
            threshold_pass=0,
            threshold_partial=0,
            weight=2,
        ),
        dict(
            code="A-TIME-NEWS",
            name_vi="Tin bài cập nhật kịp thời",
            name_en="News updated on time",
            axis="a",
            requirement="B15",
            legal_basis=ND224_9_3,
            check_key="timeliness",
            params={"app": "content"},
            threshold_pass=0,
            threshold_partial=3,
        ),
        dict(
            code="A-EN-STALE",
            name_vi="Bản tiếng Anh không lạc hậu so với tiếng Việt",
            name_en="English copies not stale",
            axis="a",
            requirement="C",
            legal_basis=ND224_9_2,
            check_key="english_stale",
            threshold_pass=0,
            threshold_partial=3,
        ),
        dict(
            code="A-DVC-ONLINE",
            name_vi="Tỉ lệ thủ tục hành chính trực tuyến toàn trình",
            name_en="Share of procedures fully online",
            axis="a",
            requirement="B4",
            legal_basis="NĐ 42/2022 Điều 11",
            check_key="procedures_online_share",
            threshold_pass=80,
            threshold_partial=50,
            applies_to=GOVERNMENTS,
        ),
        dict(
            code="A-QA-OVERDUE",
            name_vi="Hỏi đáp, phản ánh trả lời đúng hạn",
            name_en="Questions answered on time",
            axis="a",
            requirement="D",
            legal_basis=ND224_10,
            check_key="qa_overdue",
            threshold_pass=0,
            threshold_partial=3,
        ),
    ]
    b = [
        ("B-HOME-STATUS", "Trang chủ truy cập được", "Home page reachable", "home_status", {}),
        (
            "B-HOME-TIME",
            "Thời gian phản hồi trang chủ (giây)",
            "Home page response time (s)",
            "response_time",
            {},
        ),
        ("B-HOME-SIZE", "Dung lượng trang chủ (kB)", "Home page size (kB)", "page_size", {}),
        (
            "B-ABOUT-PAGE",
            "Trang giới thiệu truy cập được",
            "About page reachable",
            "page_reachable",
            {"path": "/gioi-thieu/"},
        ),
        (
            "B-ENGLISH",
            "Phiên bản tiếng Anh truy cập được",
            "English version reachable",
            "page_reachable",
            {"path": "/en/"},
        ),
        ("B-SITEMAP", "Sơ đồ trang sitemap.xml", "sitemap.xml", "sitemap_xml", {}),
        ("B-ROBOTS", "Tệp robots.txt", "robots.txt", "robots_txt", {}),
        ("B-RSS", "Kênh RSS", "RSS feed", "rss_feed", {}),
        ("B-SEARCH", "Chức năng tìm kiếm", "Search works", "search_works", {}),
        (
            "B-MOBILE",
            "Hiển thị trên thiết bị di động, khai báo ngôn ngữ",
            "Mobile-ready, language declared",
            "mobile_ready",
            {},
        ),
        (
            "B-LINKS",
            "Không có liên kết nội bộ hỏng",
            "No broken internal links",
            "broken_links",
            {"max_pages": 40, "time_limit": 30},
        ),
        (
            "B-A11Y",
            "Khả năng tiếp cận (WCAG 2.1 AA, axe-core)",
            "Accessibility (WCAG 2.1 AA, axe-core)",
            "accessibility",
            {},
        ),
        (
            "B-STATS-PAGE",
            "Trang thống kê truy cập",
            "Visit statistics page",
            "page_reachable",
            {"path": "/thong-ke-truy-cap/"},
        ),
    ]
    for code, name_vi, name_en, key, params in b:
        rows.append(
            dict(
                code=code,
                name_vi=name_vi,
                name_en=name_en,
                axis="b",
                requirement="C",
                legal_basis=ND224_11 if key != "accessibility" else "Luật NKT Điều 43; NĐ 224/2026",
                check_key=key,
                params=params,
            )
        )
    rows.append(
        dict(
            code="A-TIME-DOWNTIME",
            name_vi="Thông báo tạm ngừng hoạt động trước ít nhất 7 ngày làm việc",
            name_en="Planned downtime announced at least 7 working days ahead",
            axis="a",
            requirement="F",
            legal_basis=ND224_13,
            check_key="downtime_announced",
            params={"period_days": 365},
            threshold_pass=100,
            threshold_partial=50,
        )
    )
    rows += [
        dict(
            code="C-VISITS",
            name_vi="Lượt truy cập trung bình mỗi ngày (30 ngày)",
            name_en="Average daily page views (30 days)",
            axis="c",
            requirement="E",
            legal_basis=ND224_12,
            check_key="visits_per_day",
            threshold_pass=50,
            threshold_partial=5,
        ),
        dict(
            code="C-ACTIVE-DAYS",
            name_vi="Số ngày có truy cập (30 ngày)",
            name_en="Days with visits (30 days)",
            axis="c",
            requirement="E",
            legal_basis=ND224_12,
            check_key="visits_active_days",
            threshold_pass=90,
            threshold_partial=50,
        ),
        dict(
            code="C-SURVEY",
            name_vi="Khảo sát mức độ hài lòng có người trả lời",
            name_en="Satisfaction survey answered",
            axis="c",
            requirement="D",
            legal_basis="NĐ 224/2026 Điều 10 khoản 3 điểm b",
            check_key="survey_answered",
            threshold_pass=10,
            threshold_partial=1,
        ),
    ]
    return rows


DEFAULT_INDICATORS = _rows()


def load_defaults(indicator_model) -> int:
    """Create the default rows that are missing (idempotent); returns how many were made."""
    made = 0
    for order, row in enumerate(DEFAULT_INDICATORS):
        row = dict(row)
        applies_to = row.pop("applies_to", None)
        defaults = {"order": order, "name": row["name_vi"], **row}
        if applies_to:
            defaults["applies_to"] = applies_to
        _obj, created = indicator_model.objects.get_or_create(
            tenant=None, code=row["code"], defaults=defaults
        )
        made += created
    return made


def catalogue_for(tenant, province_catalogue: list | None = None):
    """The active indicators that measure `tenant`: its province's own catalogue, made
    from the platform defaults on first use. A batch passes `province_catalogue` (from
    `province_catalogue(root)`) to read it once for all its sites."""
    if province_catalogue is None:
        root = tenant if tenant.parent_id is None else tenant.get_root()
        province_catalogue = province_catalogue_for(root)
    return [
        indicator for indicator in province_catalogue if tenant.kind in (indicator.applies_to or [])
    ]


def province_catalogue_for(root) -> list:
    """Every active indicator of the province `root` (tree root), in measuring order."""
    from .models import Indicator

    own = Indicator.objects.filter(tenant=root)
    if not own.exists():
        with transaction.atomic():
            if not Indicator.objects.filter(tenant__isnull=True).exists():
                load_defaults(Indicator)  # e.g. a database flushed after the migration
            # The translated originals ("name") are left to their _vi/_en columns.
            fields = [
                f.name
                for f in Indicator._meta.concrete_fields
                if f.name not in ("id", "tenant", "name", "fix_hint")
            ]
            copies = [
                Indicator(tenant=root, **{name: getattr(row, name) for name in fields})
                for row in Indicator.objects.filter(tenant__isnull=True)
            ]
            Indicator.objects.bulk_create(copies, ignore_conflicts=True)
    return list(own.filter(is_active=True).order_by("axis", "order", "code"))
