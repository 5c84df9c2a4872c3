"""One committed item of every public page type on the e2e commune (and the province's
pages that only a parent site has), for the browser passes over every page type
(tests/e2e/test_every_page.py) and Lighthouse (tests/demo/test_lighthouse.py).

Unlike the demo seed (tests/demo/conftest.py, rolled back), these rows are committed by
`transactional_db`, so the live server — another database connection — sees them."""

from django.utils import translation

from compliance.models import VisitDaily
from content.models import ContactOfficial, HistoryEntry, Leader, LocalityPage, OrgUnit
from search.indexing import replace_entries
from search.registry import IndexEntry
from tests.api.world import make_published
from tests.content.factories import ArticleFactory, CategoryFactory
from tests.disclosure.factories import BudgetFactory, add_rows
from tests.surveys.factories import PollFactory

# (name, site, path) — paths in Vietnamese; the English page is "/en" + path.
Page = tuple[str, str, str]


def build_public_world(province, commune) -> list[Page]:
    """Every public page type, filled as an editor would fill it. Returns the pages."""
    from django.utils import timezone

    made = make_published(commune, "E2E", code="1.009001")
    news = CategoryFactory(tenant=commune, name_vi="Tin tức - Sự kiện", name_en="News")
    article = ArticleFactory(
        tenant=commune,
        category=news,
        title_vi="Ra quân làm sạch kênh mương nội đồng",
        title_en="Residents clean the field canals",
        summary_vi="Người dân cùng chính quyền làm sạch 12 km kênh mương.",
        summary_en="Residents and officials cleaned 12 km of canals.",
        body_vi="<p>Nội dung.</p><h2>Kết quả</h2><ul><li>12 km kênh</li></ul>",
        body_en="<p>Body.</p><h2>Results</h2><ul><li>12 km of canals</li></ul>",
        featured=True,
    )
    for n in range(12):
        ArticleFactory(tenant=commune, category=news, title_vi=f"Tin số {n}", title_en=f"News {n}")
    budget = BudgetFactory(
        record__tenant=commune, fiscal_year=2026, record__title_vi="Dự toán ngân sách năm 2026"
    ).record
    add_rows(
        budget,
        ["Năm 2026", "Năm 2025", "So sánh (%)"],
        [
            ("Tổng thu ngân sách nhà nước trên địa bàn", "triệu đồng", ["11026", "8800", "125"]),
            ("Chi đầu tư phát triển", "triệu đồng", ["3100.5", "2900", "107"]),
            ("Chi thường xuyên", "triệu đồng", ["5200", "5000", "104"]),
        ],
    )
    root = OrgUnit.objects.create(
        tenant=commune, name_vi="Ủy ban nhân dân xã", name_en="Commune People's Committee"
    )
    for vi, en in (("Văn phòng HĐND và UBND", "Office"), ("Phòng Kinh tế", "Economic Office")):
        OrgUnit.objects.create(tenant=commune, parent=root, name_vi=vi, name_en=en)
    Leader.objects.create(
        tenant=commune,
        name="Nguyễn Văn An",
        title_vi="Chủ tịch Ủy ban nhân dân xã",
        title_en="Chair of the Commune People's Committee",
        phone="0203 3123 456",
        email="chutich@xaa.example.vn",
    )
    ContactOfficial.objects.create(
        tenant=commune,
        name="Trần Thị Bình",
        title_vi="Công chức Văn phòng - Thống kê",
        title_en="Office and statistics officer",
        unit_vi="Văn phòng HĐND và UBND",
        unit_en="Office",
        phone="0203 3123 457",
        email="vanphong@xaa.example.vn",
    )
    HistoryEntry.objects.create(
        tenant=commune, period_vi="1945", period_en="1945", title_vi="Thành lập xã",
        title_en="The commune is founded", text_vi="Xã được thành lập.", text_en="Founded.",
    )  # fmt: skip
    locality = LocalityPage.objects.create(
        tenant=commune, kind="nature", title_vi="Điều kiện tự nhiên", title_en="Nature",
        body_vi="<p>Xã nằm ven sông.</p>", body_en="<p>The commune lies on a river.</p>",
    )  # fmt: skip
    poll = PollFactory(tenant=commune)
    VisitDaily.objects.create(tenant=commune, day=timezone.localdate(), path="/", views=12)
    when = timezone.now()
    for n, (title, body) in enumerate(
        [
            ("Quy hoạch sử dụng đất đến năm 2030", "Lấy ý kiến nhân dân về quy hoạch."),
            ("Đăng ký kinh doanh hộ cá thể", "Hồ sơ đăng ký kinh doanh gồm tờ khai."),
        ]
    ):
        for language in ("vi", "en"):
            entry = IndexEntry(commune.pk, language, title, body, f"/tin-tuc/{n}/", when)
            replace_entries(f"e2e.{language}", str(n), [("article", entry)])
    with translation.override("vi"):
        urls = {
            name: made[name].get_absolute_url()
            for name in ("documents", "consultations", "records", "statistics")
        }
        urls["questions"] = f"/hoi-dap/{made['questions'].pk}/"
        urls["dialogue-sessions"] = f"/doi-thoai/{made['dialogue-sessions'].slug}/"
        return [
            ("home", "commune", "/"),
            ("home (province)", "province", "/"),
            ("about", "commune", "/gioi-thieu/"),
            ("history", "commune", "/gioi-thieu/lich-su/"),
            ("locality", "commune", f"/dia-phuong/{locality.slug}/"),
            ("organisation", "commune", "/gioi-thieu/co-cau-to-chuc/"),
            ("leaders", "commune", "/gioi-thieu/lanh-dao/"),
            ("contacts", "commune", "/gioi-thieu/can-bo-dau-moi/"),
            ("latest news", "commune", "/tin-tuc/"),
            ("category", "commune", news.get_absolute_url()),
            ("article", "commune", article.get_absolute_url()),
            ("documents", "commune", "/van-ban/"),
            ("documents of the province", "province", "/van-ban/toan-tinh/"),
            ("document", "commune", urls["documents"]),
            ("signature check", "commune", "/kiem-tra-chu-ky-so/"),
            ("consultations", "commune", "/lay-y-kien-du-thao/"),
            ("consultation", "commune", urls["consultations"]),
            ("procedures", "commune", "/thu-tuc-hanh-chinh/"),
            ("procedure", "commune", "/thu-tuc-hanh-chinh/1.009001/"),
            ("disclosure", "commune", "/cong-khai-thong-tin/"),
            ("budget list", "commune", "/ngan-sach/"),
            ("budget table", "commune", budget.get_absolute_url()),
            ("plan", "commune", urls["records"]),
            ("statistics", "commune", urls["statistics"]),
            ("Q&A", "commune", "/hoi-dap/"),
            ("Q&A form", "commune", "/hoi-dap/gui-cau-hoi/"),
            ("Q&A tracking", "commune", "/hoi-dap/tra-cuu/"),
            ("question", "commune", urls["questions"]),
            ("dialogues", "commune", "/doi-thoai/"),
            ("dialogue", "commune", urls["dialogue-sessions"]),
            ("hotlines", "commune", "/duong-day-nong/"),
            ("polls", "commune", "/tham-do/"),
            ("poll", "commune", f"/tham-do/{poll.pk}/"),
            ("survey", "commune", "/khao-sat/"),
            ("search results", "commune", "/tim-kiem/?q=quy+hoach"),
            ("open data", "commune", "/du-lieu-mo/"),
            ("required information", "commune", "/danh-muc-thong-tin-cong-khai/"),
            ("visit statistics", "commune", "/thong-ke-truy-cap/"),
            ("site map", "commune", "/so-do-cong/"),
            ("not found", "commune", "/khong-co-trang-nay/"),
        ]
