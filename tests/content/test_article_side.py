"""Beside an article: related, same-category and most-read items, none twice, none the
article itself; in the cached article HTML, so they cost no query on a warm page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from content.models import Article
from tests.content.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def _list(html: str, heading_id: str) -> list[str]:
    section = html.split(f'id="{heading_id}"')[1].split("</section>")[0]
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', section)


@pytest.fixture
def story(commune, news):
    now = timezone.now()
    sport = CategoryFactory(tenant=commune, name_vi="Thể thao", slug="the-thao")
    article = ArticleFactory(tenant=commune, category=news, title_vi="Bài đang đọc")
    newer = [
        ArticleFactory(
            tenant=commune,
            category=news,
            title_vi=f"Tin cùng mục {n}",
            published_at=now - timedelta(hours=n),
        )
        for n in range(7)
    ]
    linked = ArticleFactory(tenant=commune, category=sport, title_vi="Bài liên quan")
    article.related.add(linked, newer[0])
    popular = ArticleFactory(tenant=commune, category=sport, title_vi="Bài đọc nhiều nhất")
    Article.objects.filter(pk=popular.pk).update(view_count=900)
    Article.objects.filter(pk=newer[1].pk).update(view_count=500)  # also in the category list
    Article.objects.filter(pk=article.pk).update(view_count=1000)  # the page's own article
    ArticleFactory(tenant=commune, category=news, title_vi="Bản nháp", status="draft")
    return article


def test_article_shows_related_same_category_and_most_read_beside_it(story, site_client):
    html = site_client(story.tenant).get(story.get_absolute_url()).content.decode()
    aside = html.split('<div class="article-aside no-print">')[1]
    assert "Bài đang đọc" not in aside and "Bản nháp" not in aside

    related = _list(html, "related-title")
    same = _list(html, "same-category-title")
    most_read = _list(html, "most-read-title")
    assert related == ["Bài liên quan", "Tin cùng mục 0"]  # newest first
    assert same == [f"Tin cùng mục {n}" for n in range(1, 6)]  # newest first, 5
    assert most_read == ["Bài đọc nhiều nhất"]  # "Tin cùng mục 1" is listed already
    assert "Cùng chuyên mục Tin tức" in html


def test_side_lists_cost_no_extra_query(story, site_client, django_assert_max_num_queries):
    client = site_client(story.tenant)
    client.get("/")  # the site's shell (domain, tree, menu, footer) is cached by then
    with django_assert_max_num_queries(3):  # the article, its attachments, the side lists
        assert client.get(story.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(1):  # the side lists are in the cached article HTML
        assert "Bài đọc nhiều nhất" in client.get(story.get_absolute_url()).content.decode()


def test_a_new_article_in_the_category_shows_beside_it_at_once(story, news, site_client):
    client = site_client(story.tenant)
    client.get(story.get_absolute_url())
    ArticleFactory(tenant=story.tenant, category=news, title_vi="Tin mới đăng")
    html = client.get(story.get_absolute_url()).content.decode()
    assert _list(html, "same-category-title")[0] == "Tin mới đăng"
