# ruff: noqa: E501 - demo data lines are kept whole for reading
"""Demo content for seed_demo: categories, ≥40 articles with pictures, about information,
links, banners and an alert. Idempotent: re-running updates, never duplicates."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from portal import publishing
from portal.publishing import PublicationStatus

from . import images, syndication
from .demo_images import generated_jpeg
from .models import (
    Alert,
    Article,
    Banner,
    Category,
    CategoryKind,
    ContactOfficial,
    HistoryEntry,
    Image,
    Leader,
    Link,
    LocalityPage,
    OrgUnit,
    SiteHero,
    Syndication,
    SyndicationStatus,
)

CATEGORIES = [
    ("tin-tuc-su-kien", CategoryKind.NEWS, "Tin tức - Sự kiện", "News and events"),
    ("hoat-dong-lanh-dao", CategoryKind.LEADERS_ACTIVITIES, "Hoạt động của lãnh đạo", "Leaders' activities"),
    ("chuyen-doi-so", CategoryKind.DIGITAL_TRANSFORMATION, "Chuyển đổi số", "Digital transformation"),
    ("thong-cao-bao-chi", CategoryKind.PRESS_RELEASES, "Thông cáo báo chí", "Press releases"),
    ("pho-bien-phap-luat", CategoryKind.LEGAL_DISSEMINATION, "Phổ biến, hướng dẫn pháp luật", "Legal dissemination"),
    ("chinh-sach", CategoryKind.POLICIES, "Chính sách", "Policies"),
]  # fmt: skip

TOPICS = [
    ("tin-tuc-su-kien", "Ra quân làm sạch kênh mương nội đồng trước mùa mưa", "Clean-up of field canals before the rainy season"),
    ("tin-tuc-su-kien", "Khánh thành nhà văn hóa thôn Đông", "Opening of the Dong village cultural house"),
    ("tin-tuc-su-kien", "Hội nghị tổng kết công tác năm và triển khai nhiệm vụ năm mới", None),
    ("tin-tuc-su-kien", "Tổ chức ngày hội đại đoàn kết toàn dân tộc", None),
    ("hoat-dong-lanh-dao", "Lãnh đạo thăm, tặng quà gia đình chính sách dịp lễ", "Leaders visit families of war invalids"),
    ("hoat-dong-lanh-dao", "Tiếp công dân định kỳ tháng này", None),
    ("hoat-dong-lanh-dao", "Kiểm tra tiến độ xây dựng trường tiểu học", None),
    ("chuyen-doi-so", "Hướng dẫn người dân cài đặt và sử dụng VNeID", "Helping residents install and use VNeID"),
    ("chuyen-doi-so", "Tổ công nghệ số cộng đồng hỗ trợ thanh toán không dùng tiền mặt", None),
    ("chuyen-doi-so", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", None),
    ("tin-tuc-su-kien", "Kỳ họp Hội đồng nhân dân xã quyết định các công trình năm tới", "The commune People's Council decides next year's works"),
    ("tin-tuc-su-kien", "Trao 50 suất học bổng cho học sinh vượt khó học giỏi", None),
    ("pho-bien-phap-luat", "Tìm hiểu Luật Đất đai năm 2024: những điểm mới", None),
    ("pho-bien-phap-luat", "Hỏi đáp về đăng ký cư trú trực tuyến", None),
    ("chinh-sach", "Chính sách hỗ trợ hộ nghèo vay vốn sản xuất", "Credit support for poor households"),
    ("chinh-sach", "Hỗ trợ chuyển đổi cây trồng trên đất lúa kém hiệu quả", None),
]  # fmt: skip

# The provincial portal and a department write about their own work: each site's news
# reads as its own, never one list of headlines with the site's name put in front.
PROVINCE_TOPICS = [
    ("tin-tuc-su-kien", "Kỳ họp thứ mười hai Hội đồng nhân dân tỉnh khóa XIV bế mạc", "The twelfth session of the Provincial People's Council closes"),
    ("tin-tuc-su-kien", "Khởi công tuyến đường ven sông nối ba xã phía Bắc", "Work starts on the riverside road linking three northern communes"),
    ("tin-tuc-su-kien", "Tỉnh đón nhận Huân chương Lao động hạng Nhất", None),
    ("tin-tuc-su-kien", "Lễ hội văn hóa các dân tộc vùng cao lần thứ năm", "Fifth highland ethnic culture festival"),
    ("hoat-dong-lanh-dao", "Chủ tịch UBND tỉnh làm việc với các doanh nghiệp có vốn đầu tư nước ngoài", "The Provincial Chairman meets foreign-invested businesses"),
    ("hoat-dong-lanh-dao", "Lãnh đạo tỉnh kiểm tra công tác phòng, chống thiên tai tại vùng ven biển", None),
    ("hoat-dong-lanh-dao", "Đối thoại giữa lãnh đạo tỉnh với thanh niên năm nay", None),
    ("chuyen-doi-so", "Trung tâm điều hành thông minh của tỉnh đi vào hoạt động", "The province's smart operations centre opens"),
    ("chuyen-doi-so", "Hơn 90% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến", None),
    ("chuyen-doi-so", "Kết nối cơ sở dữ liệu dân cư với hệ thống giải quyết thủ tục của tỉnh", None),
    ("thong-cao-bao-chi", "Thông cáo báo chí về kết quả kỳ họp Hội đồng nhân dân tỉnh", "Press release on the Provincial People's Council session"),
    ("thong-cao-bao-chi", "Thông cáo báo chí về tình hình kinh tế - xã hội quý III", "Press release on the third-quarter economy"),
    ("pho-bien-phap-luat", "Những điểm mới của Luật Tổ chức chính quyền địa phương", None),
    ("pho-bien-phap-luat", "Hướng dẫn thực hiện chính quyền địa phương hai cấp", None),
    ("chinh-sach", "Tỉnh ban hành chính sách thu hút đầu tư vào khu công nghiệp", "New incentives for investment in industrial parks"),
    ("chinh-sach", "Hỗ trợ học phí cho học sinh vùng đặc biệt khó khăn", None),
]  # fmt: skip
DEPARTMENT_TOPICS = [
    ("tin-tuc-su-kien", "Sở Tài chính triển khai nhiệm vụ thu ngân sách năm mới", "The Department of Finance sets out the year's budget revenue tasks"),
    ("tin-tuc-su-kien", "Tập huấn nghiệp vụ quản lý tài sản công cho các xã, phường", None),
    ("tin-tuc-su-kien", "Công khai dự toán ngân sách địa phương năm nay", "Publication of this year's local budget estimate"),
    ("tin-tuc-su-kien", "Hội nghị cán bộ, công chức, viên chức đầu năm", None),
    ("hoat-dong-lanh-dao", "Giám đốc Sở làm việc với Kho bạc Nhà nước khu vực", None),
    ("hoat-dong-lanh-dao", "Kiểm tra công tác quyết toán vốn đầu tư công tại các xã", None),
    ("hoat-dong-lanh-dao", "Lãnh đạo Sở tiếp và làm việc với đoàn kiểm toán", None),
    ("chuyen-doi-so", "Ra mắt phần mềm quản lý giá tài sản, hàng hóa", "Launch of the price management software"),
    ("chuyen-doi-so", "Thanh toán trực tuyến phí, lệ phí thủ tục hành chính", None),
    ("chuyen-doi-so", "Chữ ký số trong hồ sơ quyết toán ngân sách", None),
    ("pho-bien-phap-luat", "Giải đáp quy định mới về quản lý, sử dụng tài sản công", None),
    ("chinh-sach", "Hướng dẫn thực hiện chính sách miễn, giảm tiền thuê đất", "Guidance on land rent exemptions and reductions"),
]  # fmt: skip


def _topics(tenant) -> list[tuple]:
    if tenant.parent_id is None:
        return PROVINCE_TOPICS
    return DEPARTMENT_TOPICS if tenant.kind == "department" else TOPICS


BODY = (
    "<p>Sáng nay, {unit} tổ chức triển khai nội dung trên với sự tham gia của cán bộ, "
    "đảng viên và đông đảo Nhân dân trên địa bàn.</p>"
    "<h2>Kết quả bước đầu</h2><p>Các đơn vị đã hoàn thành phần việc được giao, bảo đảm "
    "đúng tiến độ và an toàn. Ủy ban nhân dân đề nghị các thôn, tổ dân phố tiếp tục duy trì.</p>"
    "<ul><li>Huy động hơn 300 lượt người tham gia;</li><li>Hoàn thành 12 km kênh mương;</li>"
    "<li>Tuyên truyền trên hệ thống loa truyền thanh.</li></ul>"
    "<blockquote>Mọi thông tin cần hỗ trợ, người dân liên hệ bộ phận một cửa.</blockquote>"
)
BODY_EN = (
    "<p>{unit} carried out the work today with officials, Party members and residents.</p>"
    "<h2>First results</h2><p>The assigned tasks were completed on time and safely.</p>"
)

SITES = {"sonlam": 16, "xahoabinh": 14, "sotaichinh": 12}


def seed(tenants: dict, out) -> None:
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    total = 0
    for slug, count in SITES.items():
        tenant = tenants.get(slug)
        if tenant is None:
            continue
        categories = _categories(tenant)
        total += _articles(tenant, categories, count, admin)
        _about(tenant)
        _links(tenant)
        _hero(tenant)
    _workflow_examples(tenants, admin)
    out.write(f"content: {total} articles, categories, about pages, links and banners")


def _categories(tenant) -> dict[str, Category]:
    found = {}
    for order, (slug, kind, name_vi, name_en) in enumerate(CATEGORIES):
        if kind == CategoryKind.PRESS_RELEASES and tenant.parent_id is not None:
            continue
        found[slug], _ = Category.objects.update_or_create(
            tenant=tenant,
            slug=slug,
            defaults={"kind": kind, "name_vi": name_vi, "name_en": name_en, "order": order},
        )
    Category.objects.rebuild()
    return found


def _image(tenant, seed: int, alt: str, size: tuple[int, int] = (1200, 675)) -> Image:
    existing = Image.objects.filter(tenant=tenant, alt_vi=alt).first()
    if existing is not None:
        return existing
    image = Image(tenant=tenant, alt_vi=alt, caption_vi=alt, credit="Ảnh minh họa")
    image.file = ContentFile(generated_jpeg(seed, *size), name=f"demo-{seed}.jpg")
    image.save()
    # Outside a transaction (`make demo` without Redis: tasks run eagerly) the task queued
    # by the save has already made the renditions: encoding them again cost the seed 7 s.
    images.process_image(image.pk, unless_made=True)
    return image


def _articles(tenant, categories, count: int, admin) -> int:
    now = timezone.now()
    made = 0
    topics = _topics(tenant)
    for index in range(min(count, len(topics))):
        cat_slug, title_vi, title_en = topics[index]
        if cat_slug not in categories:
            cat_slug = "tin-tuc-su-kien"
        title = title_vi
        article = Article.objects.filter(tenant=tenant, title_vi=title).first()
        if article is None:
            article = Article(tenant=tenant, title_vi=title)
        article.category = categories[cat_slug]
        article.summary_vi = f"{title_vi} — thông tin từ {tenant.name}."
        article.body_vi = BODY.format(unit=tenant.name)
        if title_en:
            article.title_en = title_en
            article.summary_en = f"{title_en} — news from {tenant.name_en}."
            article.body_en = BODY_EN.format(unit=tenant.name_en)
        article.author = "Ban Biên tập"
        article.featured = index < 4
        article.cover = _image(tenant, tenant.pk * 100 + index, f"Ảnh minh họa: {title_vi}")
        article.status = PublicationStatus.PUBLISHED
        article.published_at = article.published_at or now - timedelta(hours=6 * index + 1)
        article.save()
        made += 1
    return made


def _workflow_examples(tenants, admin) -> None:
    """One pending, one scheduled and one proposed article, plus one accepted proposal."""
    commune, province = tenants.get("xahoabinh"), tenants.get("sonlam")
    if commune is None or province is None or admin is None:
        return
    category = Category.objects.get(tenant=commune, slug="tin-tuc-su-kien")
    pending, _ = Article.objects.get_or_create(
        tenant=commune,
        title_vi="Kế hoạch tổ chức Tết Trồng cây (chờ duyệt)",
        defaults={"category": category, "summary_vi": "Bài chờ người duyệt xem xét."},
    )
    if pending.status == PublicationStatus.DRAFT:
        publishing.submit(pending, by=admin)
    scheduled, _ = Article.objects.get_or_create(
        tenant=commune,
        title_vi="Lịch tiếp công dân tháng tới (hẹn giờ đăng)",
        defaults={"category": category, "summary_vi": "Bài được hẹn giờ đăng."},
    )
    if scheduled.status == PublicationStatus.DRAFT:
        publishing.publish(scheduled, by=admin, at=timezone.now() + timedelta(days=2))
    published = list(Article.objects.for_tenant(commune).published().order_by("-published_at")[:2])
    if len(published) == 2:
        accepted, proposed = published
        if not Syndication.objects.filter(article=accepted).exists():
            syndication.accept(syndication.propose_to_parent(accepted, by=admin), by=admin)
        if not Syndication.objects.filter(article=proposed).exists():
            syndication.propose_to_parent(proposed, by=admin)
    assert Syndication.objects.filter(status=SyndicationStatus.PROPOSED).exists()


def _about(tenant) -> None:
    is_department = tenant.kind == "department"
    head = "Giám đốc" if is_department else "Chủ tịch UBND"
    head_en = "Director" if is_department else "Chairman of the People's Committee"
    deputy_en = "Deputy Director" if is_department else "Vice Chairman of the People's Committee"
    root, _ = OrgUnit.objects.update_or_create(
        tenant=tenant,
        name_vi="Lãnh đạo" if is_department else "Ủy ban nhân dân",
        defaults={
            "name_en": "Leadership" if is_department else "People's Committee",
            "mandate_vi": "Lãnh đạo, chỉ đạo, điều hành toàn diện các mặt công tác.",
            "mandate_en": "Leads and directs all areas of work.",
            "order": 0,
        },
    )
    units = (
        [("Văn phòng", "Office"), ("Phòng Kế hoạch - Tài chính", "Planning and Finance Division")]
        if is_department
        else [("Văn phòng HĐND và UBND", "Office of the Council and Committee"),
              ("Phòng Kinh tế", "Economic Division"), ("Phòng Văn hóa - Xã hội", "Social Affairs Division"),
              ("Trung tâm Phục vụ hành chính công", "Public Administration Service Centre")]
    )  # fmt: skip
    for order, (name_vi, name_en) in enumerate(units, start=1):
        OrgUnit.objects.update_or_create(
            tenant=tenant,
            name_vi=name_vi,
            defaults={
                "name_en": name_en,
                "parent": root,
                "order": order,
                "mandate_vi": f"{name_vi} tham mưu, giúp việc trong lĩnh vực được giao.",
                "mandate_en": f"The {name_en} advises on its assigned field.",
            },
        )
    OrgUnit.objects.rebuild()
    deputy = f"Phó {head[0].lower()}{head[1:]}"
    leaders = [
        (tenant.responsible_person or "Nguyễn Văn An", head, head_en,
         "Phụ trách chung; trực tiếp chỉ đạo công tác tổ chức, cán bộ.",
         "General direction; directly in charge of organisation and personnel."),
        ("Trần Thị Bình", deputy, deputy_en, "Phụ trách khối kinh tế, chuyển đổi số.",
         "In charge of the economy and digital transformation."),
        ("Lê Văn Cường", deputy, deputy_en, "Phụ trách khối văn hóa - xã hội.",
         "In charge of culture and social affairs."),
    ]  # fmt: skip
    for order, (name, title, title_en, duties, duties_en) in enumerate(leaders):
        Leader.objects.update_or_create(
            tenant=tenant,
            name=name,
            defaults={
                "title_vi": title,
                "title_en": title_en,
                "duties_vi": duties,
                "duties_en": duties_en,
                "bio_vi": "Sinh năm 1975. Trình độ chuyên môn: Thạc sĩ Quản lý công. "
                "Trình độ lý luận chính trị: Cao cấp.",
                "bio_en": "Born in 1975. Master of Public Administration; "
                "advanced political theory.",
                "order": order,
                "email": f"lanhdao{order + 1}.{tenant.slug}@sonlam.gov.vn",
                "photo": _image(tenant, 9000 + tenant.pk * 10 + order, f"Ảnh chân dung {name}"),
            },
        )
    ContactOfficial.objects.update_or_create(
        tenant=tenant,
        name="Phạm Thu Hà",
        defaults={
            "title_vi": "Chuyên viên, đầu mối cung cấp thông tin",
            "title_en": "Information contact officer",
            "unit_vi": "Văn phòng",
            "unit_en": "Office",
            "phone": tenant.phone or "0238 3840 100",
            "email": f"vanphong.{tenant.slug}@sonlam.gov.vn",
        },
    )
    for order, (period, title, title_en) in enumerate(
        [("1945", "Thành lập chính quyền cách mạng", "The revolutionary government is founded"),
         ("2025", "Sắp xếp đơn vị hành chính hai cấp", "Reorganised into two tiers of local government")]
    ):  # fmt: skip
        HistoryEntry.objects.update_or_create(
            tenant=tenant,
            period_vi=period,
            defaults={"period_en": period, "title_vi": title, "title_en": title_en, "order": order},
        )
    if not is_department:
        for order, (kind, title, body, title_en, body_en) in enumerate(
            [
                ("apparatus", "Bộ máy hành chính", "Đảng ủy, HĐND, UBND, Ủy ban MTTQ và các đoàn thể.",
                 "Administration", "Party committee, People's Council, People's Committee, Fatherland Front and mass organisations."),
                ("map", "Bản đồ địa giới hành chính", "Bản đồ và mô tả địa giới hành chính.",
                 "Administrative boundary map", "Map and description of the administrative boundaries."),
                ("nature", "Điều kiện tự nhiên", "Địa hình đồi thấp xen đồng bằng, khí hậu nhiệt đới gió mùa.",
                 "Natural conditions", "Low hills and plains; a tropical monsoon climate."),
                ("culture", "Lịch sử, văn hóa", "Vùng đất có truyền thống hiếu học và cách mạng.",
                 "History and culture", "A land with a tradition of learning and revolution."),
                ("heritage", "Di tích, danh thắng", "Đình làng, chùa cổ và di tích lịch sử cấp tỉnh.",
                 "Heritage and landscapes", "Village communal houses, old pagodas and provincial historic sites."),
            ]
        ):  # fmt: skip
            page, _ = LocalityPage.objects.update_or_create(
                tenant=tenant,
                kind=kind,
                defaults={"title_vi": title, "body_vi": body, "title_en": title_en,
                          "body_en": body_en, "order": order},
            )  # fmt: skip
            if kind == "map" and not page.map_file:
                page.map_text_vi = (
                    "Phía Bắc giáp xã bên cạnh; phía Nam giáp sông Lam; phía Đông giáp "
                    "phường trung tâm; phía Tây giáp vùng đồi. Diện tích tự nhiên khoảng 45 km²."
                )
                page.map_text_en = (
                    "Bordered by the neighbouring commune to the north, the Lam river to the "
                    "south, the central ward to the east and hills to the west; about 45 km²."
                )
                page.map_file.save("ban-do.jpg", ContentFile(generated_jpeg(tenant.pk)), save=False)
                page.save()


def _hero(tenant) -> None:
    """The home page's picture of each demo site (the others show the default one)."""
    alt = f"Ảnh minh họa phong cảnh {tenant.name}"
    image = _image(tenant, 7000 + tenant.pk, alt, size=(1600, 400))
    if tenant.name_en and not image.alt_en:
        image.alt_en = f"Illustration: a landscape of {tenant.name_en}"
        image.save(update_fields=["alt_en"])
    SiteHero.objects.update_or_create(tenant=tenant, defaults={"image": image})


def _links(tenant) -> None:
    for order, (title, title_en, url) in enumerate(
        [
            ("Đảng ủy", "Party Committee", "https://dangcongsan.vn/"),
            ("Hội đồng nhân dân", "People's Council", "https://quochoi.vn/"),
            (
                "Ủy ban Mặt trận Tổ quốc Việt Nam",
                "Vietnam Fatherland Front",
                "https://mattran.org.vn/",
            ),
        ]
    ):
        Link.objects.update_or_create(
            tenant=tenant,
            title_vi=title,
            defaults={"title_en": title_en, "url": url, "order": order},
        )
    for order, (title, title_en, url) in enumerate(
        [
            (
                "Cổng Dịch vụ công quốc gia",
                "National Public Service Portal",
                "https://dichvucong.gov.vn/",
            ),
            ("Cổng dữ liệu mở", "Open Data Portal", "https://data.gov.vn/"),
            ("Cổng thông tin chuyển đổi số", "Digital Transformation Portal", "https://dx.gov.vn/"),
        ]
    ):
        Banner.objects.update_or_create(
            tenant=tenant,
            title_vi=title,
            defaults={"title_en": title_en, "url": url, "order": order},
        )
    if tenant.parent_id is None and not Alert.objects.filter(tenant=tenant).exists():
        Alert.objects.create(
            tenant=tenant,
            message_vi="Cảnh báo mưa lớn, nguy cơ lũ quét tại các xã vùng núi trong 24 giờ tới.",
            message_en="Heavy rain and flash-flood warning for mountain communes in the next 24 hours.",
            starts_at=timezone.now(),
            ends_at=timezone.now() + timedelta(days=30),
        )
