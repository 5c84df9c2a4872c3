"""Public pages: home blocks, listing with seek pagination, detail, English, about pages,
with query budgets."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from content import counters, selectors
from content.models import Alert, Article, ContactOfficial, Leader, LocalityPage, OrgUnit
from content.sections import PER_CATEGORY
from portal.publishing import PublicationStatus
from tests.content.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def _many(tenant, category, count):
    now = timezone.now()
    rows = [
        Article(
            tenant=tenant,
            category=category,
            title_vi=f"Tin số {n}",
            title_en=f"News {n}" if n % 2 == 0 else None,
            slug=f"tin-so-{n}",
            status=PublicationStatus.PUBLISHED,
            # Pairs share a timestamp: the id breaks ties.
            published_at=now - timedelta(minutes=n // 2),
        )
        for n in range(count)
    ]
    return Article.objects.bulk_create(rows)


def test_home_shows_featured_latest_per_category_and_press_releases(commune, news, site_client):
    ArticleFactory(tenant=commune, category=news, title_vi="Tin nổi bật A", featured=True)
    press = CategoryFactory(tenant=commune, name_vi="Thông cáo báo chí", kind="press_releases")
    ArticleFactory(tenant=commune, category=press, title_vi="Thông cáo số 1")
    ArticleFactory(
        tenant=commune, category=news, title_vi="Bản nháp X", status=PublicationStatus.DRAFT
    )
    html = site_client(commune).get("/").content.decode()
    assert "Tin nổi bật" in html and "Tin nổi bật A" in html
    assert "Thông cáo số 1" in html and "Bản nháp X" not in html


def _article_links(html: str) -> list[str]:
    return re.findall(r'href="(/tin-tuc/[^"]+)"', html)


def test_featured_block_does_not_repeat_the_news_blocks_under_it(busy_site, site_client):
    """Every category's two newest items are featured: the blocks under the featured one
    show the next ones instead of the same headlines twice, and stay full."""
    html = site_client(busy_site).get("/").content.decode()
    featured = html.split('<section class="home-featured"')[1].split("</section>")[0]
    blocks = html.split('<div class="home-categories">')[1]  # and everything under it
    featured_links, block_links = _article_links(featured), _article_links(blocks)
    assert len(featured_links) == 5
    assert len(block_links) == 5 * PER_CATEGORY
    assert not set(featured_links) & set(block_links)


def test_urgent_alert_shows_on_home_while_current(commune, site_client):
    now = timezone.now()
    Alert.objects.create(tenant=commune, message_vi="Bão số 3", starts_at=now - timedelta(hours=1))
    Alert.objects.create(
        tenant=commune,
        message_vi="Đã hết hạn",
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(days=1),
    )
    html = site_client(commune).get("/").content.decode()
    assert "Thông báo khẩn" in html and "Bão số 3" in html and "Đã hết hạn" not in html


def test_menu_is_the_category_tree(commune, news, site_client):
    CategoryFactory(tenant=commune, parent=news, name_vi="Tin địa phương", slug="dia-phuong")
    html = site_client(commune).get("/").content.decode()
    assert 'href="/chuyen-muc/tin-tuc/"' in html and 'href="/chuyen-muc/dia-phuong/"' in html


def test_seek_pagination_walks_every_item_once_in_both_directions(commune, news, site_client):
    _many(commune, news, 65)
    client = site_client(commune)
    seen, cursor, pages = [], None, []
    while True:
        page = selectors.seek_page(
            selectors.public_articles(commune).filter(category=news), after=cursor
        )
        seen.extend(a.pk for a in page.items)
        pages.append(page)
        if not page.older:
            break
        cursor = page.older
    assert len(seen) == 65 == len(set(seen))
    back = selectors.seek_page(
        selectors.public_articles(commune).filter(category=news), before=pages[2].newer
    )
    assert [a.pk for a in back.items] == [a.pk for a in pages[1].items]
    response = client.get(f"/chuyen-muc/tin-tuc/?sau={pages[0].older}")
    assert response.status_code == 200 and "Tin mới hơn" in response.content.decode()


@pytest.mark.parametrize("cursor", ["abc", "1.2.3", "9" * 39, "-1.-1", "99999999999999999999.1"])
def test_malformed_cursor_is_page_one_not_an_error(commune, news, site_client, cursor):
    ArticleFactory(tenant=commune, category=news, title_vi="Tin duy nhất")
    response = site_client(commune).get("/chuyen-muc/tin-tuc/", {"sau": cursor, "truoc": cursor})
    assert response.status_code == 200


def test_english_listing_shows_only_items_with_english_text(commune, news, site_client):
    ArticleFactory(tenant=commune, category=news, title_vi="Chỉ tiếng Việt")
    both = ArticleFactory(tenant=commune, category=news, title_vi="Song ngữ", title_en="Bilingual")
    vi_only = Article.objects.get(title_vi="Chỉ tiếng Việt")
    both_url, vi_only_url = both.get_absolute_url(), vi_only.get_absolute_url()
    client = site_client(commune)
    html = client.get("/en/chuyen-muc/tin-tuc/").content.decode()
    assert "Bilingual" in html and "Chỉ tiếng Việt" not in html
    assert "Follow by RSS" in html  # the app's own UI strings are translated too
    assert client.get(f"/en{both_url}").status_code == 200
    # The language switch of a Vietnamese-only article leads to its English URL: the
    # reader gets the Vietnamese text with a notice (not indexed), never a 404.
    response = client.get(f"/en{vi_only_url}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "available in Vietnamese only" in html and 'content="noindex"' in html
    assert 'class="article" lang="vi"' in html


def test_article_page_has_open_graph_json_ld_share_and_print(commune, news, site_client):
    import json
    import re

    article = ArticleFactory(tenant=commune, category=news, title_vi="Tin <b>có</b> thẻ")
    response = site_client(commune).get(article.get_absolute_url())
    html = response.content.decode()
    assert 'property="og:title"' in html
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle" and data["headline"] == "Tin <b>có</b> thẻ"
    assert "<b>" not in re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "facebook.com/sharer" in html and "zalo" in html
    assert "content/print.css" in html and "data-print" in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_views_are_counted_in_redis_and_flushed_in_one_write(commune, news, site_client):
    article = ArticleFactory(tenant=commune, category=news)
    counters.flush()
    client = site_client(commune)
    for _ in range(3):
        client.get(article.get_absolute_url())
    article.refresh_from_db()
    assert article.view_count == 0 and counters.pending(article.pk) == 3
    counters.flush()
    article.refresh_from_db()
    assert article.view_count == 3


def test_about_pages_render_structured_information(commune, site_client):
    root = OrgUnit.objects.create(tenant=commune, name_vi="Ủy ban nhân dân", mandate_vi="Điều hành")
    OrgUnit.objects.create(tenant=commune, parent=root, name_vi="Văn phòng")
    Leader.objects.create(
        tenant=commune, name="Nguyễn Văn A", title_vi="Chủ tịch", duties_vi="Phụ trách chung"
    )
    ContactOfficial.objects.create(
        tenant=commune, name="Trần B", title_vi="Chuyên viên", email="b@xaa.gov.vn"
    )
    LocalityPage.objects.create(
        tenant=commune, kind="nature", title_vi="Điều kiện tự nhiên", body_vi="Đồi núi"
    )
    client = site_client(commune)
    assert "Văn phòng" in client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert "Phụ trách chung" in client.get("/gioi-thieu/lanh-dao/").content.decode()
    assert "b@xaa.gov.vn" in client.get("/gioi-thieu/can-bo-dau-moi/").content.decode()
    assert "Đồi núi" in client.get("/dia-phuong/dieu-kien-tu-nhien/").content.decode()
    about = client.get("/gioi-thieu/").content.decode()
    assert "/gioi-thieu/co-cau-to-chuc/" in about and "/dia-phuong/dieu-kien-tu-nhien/" in about


def test_english_copy_is_flagged_when_the_vietnamese_changes(commune, site_client):
    person = ContactOfficial.objects.create(
        tenant=commune, name="Trần B", title_vi="Chuyên viên", title_en="Officer"
    )
    client = site_client(commune)
    assert (
        "may not be up to date" not in client.get("/en/gioi-thieu/can-bo-dau-moi/").content.decode()
    )
    assert not person.english_is_stale
    person.title_vi = "Chuyên viên chính"
    person.save()
    assert person.english_is_stale
    html = client.get("/en/gioi-thieu/can-bo-dau-moi/").content.decode()
    assert "stale-badge" in html
    person.title_en = "Senior officer"
    person.save()
    assert not person.english_is_stale


# --- query budgets -------------------------------------------------------------------
@pytest.fixture
def busy_site(commune, news):
    others = [CategoryFactory(tenant=commune, name_vi=f"Mục {n}") for n in range(4)]
    for category in [news, *others]:
        _many_in(commune, category, 30)
    return commune


def _many_in(tenant, category, count):
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            tenant=tenant,
            category=category,
            title_vi=f"Tin {category.pk}-{n}",
            slug=f"tin-{category.pk}-{n}",
            status=PublicationStatus.PUBLISHED,
            featured=n < 2,
            published_at=now - timedelta(minutes=n),
        )
        for n in range(count)
    )


def test_home_query_budget(busy_site, site_client, django_assert_max_num_queries):
    client = site_client(busy_site)
    # The category blocks in one query (was 16); +1 for the site's hero picture (cached
    # with the other blocks: the warm visit below stays at 1).
    with django_assert_max_num_queries(13):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(1):  # cached blocks (the domain lookup is cached too)
        assert client.get("/").status_code == 200


def test_listing_page_one_and_deep_page_cost_the_same(
    busy_site, news, site_client, django_assert_max_num_queries
):
    client = site_client(busy_site)
    client.get("/")  # warm the menu
    with django_assert_max_num_queries(4) as first:
        page_one = client.get("/chuyen-muc/tin-tuc/")
    last = Article.objects.filter(category=news).order_by("published_at", "id")[1]
    cursor = selectors.Cursor.of(last).encode()
    with django_assert_max_num_queries(4) as deep:
        deep_page = client.get(f"/chuyen-muc/tin-tuc/?sau={cursor}")
    assert page_one.status_code == deep_page.status_code == 200

    def list_queries(context) -> list[str]:  # the category itself is cached by then
        return [q["sql"] for q in context.captured_queries if '"content_article"' in q["sql"]]

    assert len(list_queries(first)) == len(list_queries(deep)) == 2  # the scan, the cards
    assert "OFFSET" not in " ".join(q["sql"] for q in deep.captured_queries)


def test_detail_query_budget(busy_site, site_client, django_assert_max_num_queries):
    client = site_client(busy_site)
    article = Article.objects.filter(tenant=busy_site).first()
    client.get("/")  # the site's shell (domain, tree, menu, footer) is cached by then
    with django_assert_max_num_queries(3):  # the article, its attachments, related articles
        assert client.get(article.get_absolute_url()).status_code == 200


def test_a_second_article_of_the_site_costs_one_query(
    busy_site, site_client, django_assert_num_queries
):
    """The shell and the lists beside the text (the category's latest, the most read)
    are the same for every article of the site: cached by the first one read."""
    client = site_client(busy_site)
    first = Article.objects.filter(tenant=busy_site).first()
    second = Article.objects.filter(category=first.category).exclude(pk=first.pk).first()
    client.get(first.get_absolute_url())
    with django_assert_num_queries(1):  # the article, with whether it has files or links
        html = client.get(second.get_absolute_url()).content.decode()
    assert second.title in html


def test_an_article_read_again_costs_no_query_and_an_edit_shows_next_time(
    commune, news, site_client, django_assert_num_queries
):
    article = ArticleFactory(tenant=commune, category=news, title_vi="Họp dân đầu năm")
    client = site_client(commune)
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        assert "Họp dân đầu năm" in client.get(article.get_absolute_url()).content.decode()
    article.title_vi = "Họp dân đầu năm 2027"
    article.save()
    assert "Họp dân đầu năm 2027" in client.get(article.get_absolute_url()).content.decode()
    article.status = PublicationStatus.DRAFT
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_list_read_again_costs_no_query_and_a_new_article_shows_next_time(
    commune, news, site_client, django_assert_num_queries
):
    ArticleFactory(tenant=commune, category=news, title_vi="Tin thứ nhất")
    client = site_client(commune)
    client.get(news.get_absolute_url())
    with django_assert_num_queries(0):
        assert "Tin thứ nhất" in client.get(news.get_absolute_url()).content.decode()
    ArticleFactory(tenant=commune, category=news, title_vi="Tin thứ hai")
    assert "Tin thứ hai" in client.get(news.get_absolute_url()).content.decode()
    assert client.get("/chuyen-muc/khong-co/").status_code == 404


def test_a_related_link_to_another_sites_article_shows_nothing_beside_the_text(
    commune, other_commune, news, site_client
):
    elsewhere = ArticleFactory(tenant=other_commune, title_vi="Tin của xã khác")
    article = ArticleFactory(tenant=commune, category=news, title_vi="Tin của xã mình")
    article.related.add(elsewhere)
    html = site_client(commune).get(article.get_absolute_url()).content.decode()
    assert "Tin của xã mình" in html and "Tin của xã khác" not in html


def side_lists_html(html: str) -> str:
    return html[html.index('class="side-list"') :]


def test_side_lists_show_a_new_article_and_never_the_article_itself(commune, news, site_client):
    older = ArticleFactory(tenant=commune, category=news, title_vi="Chợ phiên cuối tuần")
    newer = ArticleFactory(tenant=commune, category=news, title_vi="Khánh thành cầu mới")
    client = site_client(commune)
    beside_older = side_lists_html(client.get(older.get_absolute_url()).content.decode())
    assert "Khánh thành cầu mới" in beside_older and "Chợ phiên cuối tuần" not in beside_older
    ArticleFactory(tenant=commune, category=news, title_vi="Lễ hội mùa xuân")
    beside_newer = side_lists_html(client.get(newer.get_absolute_url()).content.decode())
    assert "Lễ hội mùa xuân" in beside_newer and "Chợ phiên cuối tuần" in beside_newer
    assert "Khánh thành cầu mới" not in beside_newer


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        ("/rss/", 3),
        ("/chuyen-muc/tin-tuc/rss/", 3),
        ("/sitemap.xml", 12),
        ("/sitemap-articles.xml", 3),
        ("/so-do-cong/", 3),
        ("/gioi-thieu/", 3),
        ("/gioi-thieu/co-cau-to-chuc/", 3),
        ("/gioi-thieu/lanh-dao/", 3),
        ("/gioi-thieu/can-bo-dau-moi/", 3),
        ("/gioi-thieu/lich-su/", 3),
        ("/dia-phuong/dieu-kien-tu-nhien/", 3),
        ("/en/tin-tuc/", 3),
    ],
)
def test_other_public_pages_query_budget(
    busy_site, site_client, django_assert_max_num_queries, path, budget
):
    LocalityPage.objects.create(tenant=busy_site, kind="nature", title_vi="Điều kiện tự nhiên")
    for n in range(5):
        Leader.objects.create(tenant=busy_site, name=f"Lãnh đạo {n}", title_vi="Phó Chủ tịch")
        OrgUnit.objects.create(tenant=busy_site, name_vi=f"Phòng {n}")
    client = site_client(busy_site)
    client.get("/")  # warm the site shell and menu, in both languages
    client.get("/en/")
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200


def test_home_card_lists_are_cached_html_until_content_changes(busy_site, news, site_client):
    """Rendering ~20 cards was most of the home page's time: the second visit reuses the
    cached HTML (no card template rendered), and a newly published article still shows."""
    client = site_client(busy_site)
    first = client.get("/")
    assert "content/_card.html" in [t.name for t in first.templates]
    second = client.get("/")
    assert "content/_card.html" not in [t.name for t in second.templates]
    assert second.content == first.content

    ArticleFactory(tenant=busy_site, category=news, title_vi="Tin vừa đăng")
    html = client.get("/").content.decode()
    assert "Tin vừa đăng" in html


def test_home_card_cache_is_per_language(busy_site, site_client):
    client = site_client(busy_site)
    vi = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    assert "Tin nổi bật" in vi and "Tin nổi bật" not in en


def test_listing_card_list_is_cached_html_per_page(busy_site, news, site_client):
    """The 20 cards were most of a listing page's time: page 1 and a deep page each reuse
    their own cached HTML, and an edit shows at once (the content version is in the key)."""
    client = site_client(busy_site)
    first = client.get("/chuyen-muc/tin-tuc/")
    assert "content/_card.html" in [t.name for t in first.templates]
    again = client.get("/chuyen-muc/tin-tuc/")
    assert "content/_card.html" not in [t.name for t in again.templates]
    assert again.content == first.content

    older = first.context["page"].older
    deep = client.get(f"/chuyen-muc/tin-tuc/?sau={older}")
    assert deep.content != first.content  # its own entry, not page 1's
    assert client.get(f"/chuyen-muc/tin-tuc/?sau={older}").content == deep.content

    ArticleFactory(tenant=busy_site, category=news, title_vi="Tin vừa đăng")
    assert "Tin vừa đăng" in client.get("/chuyen-muc/tin-tuc/").content.decode()
    assert "Tin vừa đăng" in client.get("/tin-tuc/").content.decode()
