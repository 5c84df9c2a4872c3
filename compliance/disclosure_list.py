"""The public list of information that must be disclosed (danh mục thông tin phải công khai,
REQUIREMENTS B17), generated from configuration (ITEMS) and data.

For each item: where it is published (a URL of this site, from the first of its URL names
that resolves; the names are those of each app's urls.py), how (the form of
publication), its machine-readable channels (API, feeds, open-data files — asked from
``opendata.channels.by_requirement(tenant)``, which lists only what exists), and when it
was last updated, asked from
``<app>.stats.last_updated(tenant) -> dict[str, datetime]`` (requirement code → time);
items whose app is not installed yet show "chưa có" rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.hooks import app_function

WEB = _("Đăng trên cổng/trang thông tin điện tử")
WEB_FILES = _("Đăng trên trang, kèm tệp tải về")
STRUCTURED = _("Đăng trên trang, dữ liệu có cấu trúc")

# A URL name, or a URL name with its kwargs.
Target = str | tuple[str, dict[str, str]]


def _section(path: str) -> Target:
    return ("disclosure:list", {"section": path})


# (code, Vietnamese title, English title, app, URL targets tried in order, how, legal basis)
ITEMS: list[tuple[str, str, str, str, tuple[Target, ...], object, str]] = [
    (
        "A5",
        "Thông tin về cơ quan chủ quản, người chịu trách nhiệm, liên hệ",
        "Governing body, responsible person and contacts",
        "tenants",
        ("tenants:about",),
        WEB,
        "NĐ 42/2022 Điều 6",
    ),
    (
        "B1",
        "Văn bản quy phạm pháp luật, văn bản chỉ đạo điều hành",
        "Legal and directive documents",
        "documents",
        ("documents:list",),
        WEB_FILES,
        "Luật TCTT Điều 17 khoản 1 điểm a",
    ),
    (
        "B2",
        "Dự thảo văn bản lấy ý kiến",
        "Draft documents for consultation",
        "documents",
        ("documents:consultations",),
        WEB_FILES,
        "Luật TCTT Điều 17 khoản 1 điểm b",
    ),
    (
        "B4",
        "Thủ tục hành chính, dịch vụ công trực tuyến",
        "Administrative procedures and online services",
        "procedures",
        ("procedures:catalogue",),
        STRUCTURED,
        "Luật TCTT Điều 17 khoản 1 điểm d",
    ),
    (
        "B6",
        "Chiến lược, chương trình, kế hoạch, quy hoạch",
        "Strategies, plans, master plans",
        "disclosure",
        (_section("quy-hoach-ke-hoach"), "disclosure:index"),
        WEB_FILES,
        "Luật TCTT Điều 17 khoản 1 điểm đ",
    ),
    (
        "B7",
        "Đầu tư công, mua sắm công",
        "Public investment and procurement",
        "disclosure",
        (_section("du-an-dau-tu"), "disclosure:index"),
        WEB_FILES,
        "Luật TCTT Điều 17 khoản 1 điểm e",
    ),
    (
        "B8",
        "Dự toán, quyết toán ngân sách, báo cáo tài chính",
        "Budget estimates and final accounts",
        "disclosure",
        (_section("ngan-sach"), "disclosure:index"),
        WEB_FILES,
        "Luật TCTT Điều 17 khoản 1 điểm e",
    ),
    (
        "B9",
        "Thống kê ngành, lĩnh vực",
        "Sector statistics",
        "disclosure",
        (_section("so-lieu-thong-ke"), "disclosure:index"),
        STRUCTURED,
        "Luật TCTT Điều 17 khoản 1 điểm g",
    ),
    (
        "B10",
        "Chương trình, đề tài khoa học và kết quả",
        "Science programmes and projects with results",
        "disclosure",
        (_section("de-tai-khoa-hoc"), "disclosure:index"),
        WEB_FILES,
        "Luật TCTT Điều 17 khoản 1",
    ),
    (
        "B11",
        "Quy hoạch, giá đất, thu hồi đất, bồi thường",
        "Land use, prices, compensation",
        "disclosure",
        (_section("dat-dai-boi-thuong"), "disclosure:index"),
        WEB_FILES,
        "Luật TCTT Điều 17 khoản 1 điểm h",
    ),
    (
        "B12",
        "Tuyển dụng; phòng, chống tham nhũng",
        "Recruitment; anti-corruption",
        "disclosure",
        (_section("tuyen-dung"), _section("phong-chong-tham-nhung"), "disclosure:index"),
        WEB,
        "Luật TCTT Điều 17 khoản 1 điểm l",
    ),
    (
        "B13",
        "Chức năng, nhiệm vụ, cơ cấu tổ chức, người phát ngôn",
        "Mandate, structure, contact officials",
        "content",
        ("content:organisation", "tenants:about"),
        WEB,
        "Luật TCTT Điều 17 khoản 1 điểm c",
    ),
    (
        "B15",
        "Tin tức, sự kiện, thông cáo báo chí",
        "News, events, press releases",
        "content",
        ("content:latest",),
        STRUCTURED,
        "NĐ 224/2026 Điều 9 khoản 2",
    ),
    (
        "D",
        "Hỏi đáp, tiếp nhận phản ánh, kiến nghị; đường dây nóng",
        "Q&A, feedback and hotline",
        "dialogue",
        ("dialogue:archive", "dialogue:hotlines"),
        WEB,
        "NĐ 224/2026 Điều 10",
    ),
    (
        "E",
        "Thống kê truy cập",
        "Visit statistics",
        "compliance",
        ("compliance:statistics",),
        WEB,
        "NĐ 224/2026 Điều 12",
    ),
    (
        "F",
        "Thông báo tạm ngừng hoạt động (bảo trì theo kế hoạch)",
        "Planned-downtime notices",
        "operations",
        ("operations:downtime",),
        WEB,
        "NĐ 224/2026 Điều 13",
    ),
]


@dataclass(frozen=True)
class DisclosureItem:
    code: str
    title: str
    url: str
    how: str
    legal_basis: str
    last_updated: datetime | None
    channels: tuple = ()  # opendata.channels.Channel: label and URL


def _first_url(targets: tuple[Target, ...]) -> str:
    for target in targets:
        name, kwargs = (target, {}) if isinstance(target, str) else target
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return ""


def disclosure_items(tenant) -> list[DisclosureItem]:
    """The items of the list, each with where, how and when; no query per item."""
    english = (get_language() or "vi").startswith("en")
    updates: dict[str, datetime] = {"A5": tenant.updated_at}
    for app in sorted({item[3] for item in ITEMS} - {"tenants", "compliance"}):
        function = app_function(app, "stats", "last_updated")
        if function is not None:
            updates.update(function(tenant) or {})
    channels = {}
    if apps.is_installed("opendata"):
        from opendata.channels import by_requirement

        channels = by_requirement(tenant)
    items = []
    for code, title_vi, title_en, _app, names, how, basis in ITEMS:
        items.append(
            DisclosureItem(
                code=code,
                title=title_en if english else title_vi,
                url=_first_url(names),
                how=str(how),
                legal_basis=basis,
                last_updated=updates.get(code),
                channels=tuple(channels.get(code, ())),
            )
        )
    return items
