"""An article page reuses the HTML of its body (one query instead of three) and still
shows every change to the article, its attachments, related articles and cover at once."""

from django.core.files.base import ContentFile

from content.images import process_image
from content.models import ArticleAttachment
from tests.content.factories import ArticleFactory, ImageFactory


def _rendered(response) -> set[str]:
    return {t.name for t in response.templates}


def test_second_visit_reuses_the_body_html_with_one_query(
    commune, news, site_client, django_assert_max_num_queries
):
    article = ArticleFactory(tenant=commune, category=news, title_vi="Hội nghị tổng kết")
    client = site_client(commune)
    first = client.get(article.get_absolute_url())
    assert "content/_article_body.html" in _rendered(first)
    with django_assert_max_num_queries(1):  # the article itself; no attachments, no related
        again = client.get(article.get_absolute_url())
    assert "content/_article_body.html" not in _rendered(again)
    assert again.content == first.content


def test_an_edited_body_shows_at_once(commune, news, site_client):
    article = ArticleFactory(tenant=commune, category=news, body_vi="<p>Nội dung cũ.</p>")
    client = site_client(commune)
    client.get(article.get_absolute_url())
    article.body_vi = "<p>Nội dung đã sửa.</p>"
    article.save()
    body = client.get(article.get_absolute_url()).content.decode()
    assert "Nội dung đã sửa." in body and "Nội dung cũ." not in body


def test_a_new_and_a_removed_attachment_show_at_once(commune, news, site_client):
    article = ArticleFactory(tenant=commune, category=news)
    client = site_client(commune)
    assert "Kế hoạch chi tiết" not in client.get(article.get_absolute_url()).content.decode()
    attachment = ArticleAttachment(article=article, title="Kế hoạch chi tiết")
    attachment.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    assert "Kế hoạch chi tiết" in client.get(article.get_absolute_url()).content.decode()
    attachment.delete()
    assert "Kế hoạch chi tiết" not in client.get(article.get_absolute_url()).content.decode()


def test_a_related_article_linked_later_shows_at_once(commune, news, site_client):
    article = ArticleFactory(tenant=commune, category=news)
    # Another category: one of the same would be listed beside the article anyway.
    other = ArticleFactory(tenant=commune, title_vi="Tin liên quan mới")
    client = site_client(commune)
    assert "Tin liên quan mới" not in client.get(article.get_absolute_url()).content.decode()
    article.related.add(other)
    assert "Tin liên quan mới" in client.get(article.get_absolute_url()).content.decode()


def test_new_alt_text_and_renditions_of_the_cover_show_at_once(commune, news, site_client):
    cover = ImageFactory(tenant=commune, alt_vi="Ảnh cũ")
    article = ArticleFactory(tenant=commune, category=news, cover=cover)
    client = site_client(commune)
    assert 'alt="Ảnh cũ"' in client.get(article.get_absolute_url()).content.decode()
    cover.alt_vi = "Lãnh đạo xã phát biểu tại hội nghị"
    cover.save()
    body = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Lãnh đạo xã phát biểu tại hội nghị"' in body
    process_image(cover.pk)  # the Celery task: the page then offers the smaller files
    cover.refresh_from_db()
    assert cover.renditions
    assert "srcset=" in client.get(article.get_absolute_url()).content.decode()


def test_english_and_vietnamese_bodies_are_cached_apart(commune, news, site_client):
    article = ArticleFactory(
        tenant=commune, category=news, title_en="Year-end meeting", body_en="<p>English.</p>"
    )
    client = site_client(commune)
    client.get(article.get_absolute_url())
    english = client.get("/en" + article.get_absolute_url()).content.decode()
    assert "<p>English.</p>" in english and "Nội dung tin bài." not in english


def test_the_share_links_follow_the_host_the_reader_used(commune, news, site_client):
    """The cached body holds the canonical URL: another host of the site has its own."""
    article = ArticleFactory(tenant=commune, category=news)
    commune.domains.create(hostname="xa-moi.test")
    client = site_client(commune)
    client.get(article.get_absolute_url())
    other = client.get(article.get_absolute_url(), HTTP_HOST="xa-moi.test").content.decode()
    assert "xa-moi.test" in other.split('class="share-links"')[1]
