"""Every content model and public URL in the isolation harness (tests/isolation)."""

from django.urls import reverse
from django.utils import timezone, translation

from content.models import (
    Alert,
    Article,
    Banner,
    Category,
    ContactOfficial,
    HistoryEntry,
    Image,
    Leader,
    Link,
    LocalityPage,
    OrgUnit,
    SiteHero,
    Syndication,
)
from tests.content.factories import ArticleFactory, CategoryFactory, ImageFactory
from tests.isolation.harness import IsolationCase


def _vi_url(obj) -> str:
    with translation.override("vi"):
        return obj.get_absolute_url()


def make_article(tenant, marker):
    return ArticleFactory(
        tenant=tenant,
        title_vi=f"Tin {marker}",
        title_en=f"News {marker}",
        summary_vi=f"Tóm tắt {marker}",
        summary_en=f"Summary {marker}",
        featured=True,
    )


def make_category(tenant, marker):
    return CategoryFactory(tenant=tenant, name_vi=f"Mục {marker}", name_en=f"Section {marker}")


def make_image(tenant, marker):
    return ImageFactory(tenant=tenant, alt_vi=f"Ảnh {marker}")


def make_org_unit(tenant, marker):
    return OrgUnit.objects.create(
        tenant=tenant, name_vi=f"Phòng {marker}", name_en=f"Unit {marker}"
    )


def make_leader(tenant, marker):
    return Leader.objects.create(
        tenant=tenant, name=f"Ông {marker}", title_vi="Chủ tịch", title_en="Chair"
    )


def make_contact(tenant, marker):
    return ContactOfficial.objects.create(
        tenant=tenant, name=f"Bà {marker}", title_vi="Chuyên viên", title_en="Officer"
    )


def make_history(tenant, marker):
    return HistoryEntry.objects.create(
        tenant=tenant, period_vi="1945", title_vi=f"Sự kiện {marker}", title_en=f"Event {marker}"
    )


def make_locality(tenant, marker):
    return LocalityPage.objects.create(
        tenant=tenant, kind="nature", title_vi=f"Tự nhiên {marker}", title_en=f"Nature {marker}"
    )


def make_link(tenant, marker):
    return Link.objects.create(
        tenant=tenant, title_vi=f"Liên kết {marker}", title_en=f"Link {marker}",
        url="https://example.gov.vn/",
    )  # fmt: skip


def make_banner(tenant, marker):
    return Banner.objects.create(
        tenant=tenant, title_vi=f"Banner {marker}", title_en=f"Banner {marker}",
        url="https://example.gov.vn/",
    )  # fmt: skip


def make_hero(tenant, marker):
    image = ImageFactory(tenant=tenant, alt_vi=f"Ảnh bìa {marker}", alt_en=f"Hero {marker}")
    return SiteHero.objects.create(tenant=tenant, image=image)


def make_alert(tenant, marker):
    return Alert.objects.create(
        tenant=tenant,
        message_vi=f"Khẩn {marker}",
        message_en=f"Urgent {marker}",
        starts_at=timezone.now(),
    )


def make_syndication(tenant, marker):
    """An accepted item in `tenant`'s "units' news" (the harness only needs the owner to be
    `tenant`; its detail page must answer on that site only)."""
    article = ArticleFactory(tenant=tenant, title_vi=f"Đề xuất {marker}", title_en=f"Item {marker}")
    return Syndication.objects.create(tenant=tenant, article=article, status="accepted")


def make_draft(tenant, marker):
    return ArticleFactory(
        tenant=tenant, title_vi=f"Nháp {marker}", title_en=f"Draft {marker}", status="draft"
    )


def _preview_url(obj) -> str:
    from content.preview import token_for

    with translation.override("vi"):
        return reverse("content:preview", args=[token_for(obj)])


CASES = [
    IsolationCase(
        name="article",
        make=make_article,
        detail_urls=lambda obj: [_vi_url(obj)],
        list_urls=["/", "/tin-tuc/", "/rss/", "/atom/", "/feed.json"],
        admin_model=Article,
    ),
    IsolationCase(
        name="category",
        make=make_category,
        detail_urls=lambda obj: [
            _vi_url(obj),
            f"{_vi_url(obj)}rss/",
            f"{_vi_url(obj)}atom/",
            f"{_vi_url(obj)}feed.json",
        ],
        list_urls=["/so-do-cong/"],
        admin_model=Category,
    ),
    IsolationCase(name="image", make=make_image, admin_model=Image),
    IsolationCase(
        name="org-unit",
        make=make_org_unit,
        list_urls=["/gioi-thieu/co-cau-to-chuc/"],
        admin_model=OrgUnit,
    ),
    IsolationCase(
        name="leader", make=make_leader, list_urls=["/gioi-thieu/lanh-dao/"], admin_model=Leader
    ),
    IsolationCase(
        name="contact-official",
        make=make_contact,
        list_urls=["/gioi-thieu/can-bo-dau-moi/"],
        admin_model=ContactOfficial,
    ),
    IsolationCase(
        name="history",
        make=make_history,
        list_urls=["/gioi-thieu/lich-su/"],
        admin_model=HistoryEntry,
    ),
    IsolationCase(
        name="locality-page",
        make=make_locality,
        detail_urls=lambda obj: [f"/dia-phuong/{obj.slug}/"],
        list_urls=["/gioi-thieu/"],
        admin_model=LocalityPage,
    ),
    IsolationCase(name="link", make=make_link, list_urls=["/"], admin_model=Link),
    IsolationCase(name="banner", make=make_banner, list_urls=["/"], admin_model=Banner),
    IsolationCase(name="article-preview", make=make_draft, detail_urls=lambda o: [_preview_url(o)]),
    IsolationCase(name="site-hero", make=make_hero, list_urls=["/"], admin_model=SiteHero),
    IsolationCase(name="alert", make=make_alert, list_urls=["/"], admin_model=Alert),
    IsolationCase(
        name="syndication",
        make=make_syndication,
        detail_urls=lambda obj: [_vi_url(obj)],
        admin_model=Syndication,
    ),
]
