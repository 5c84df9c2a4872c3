"""An article nobody has asked for, on a site nobody has visited since a deploy (every
cache empty): its query budget (issue 22). With the site's shell cached the article costs
its own query only (tests/content/test_pages.py: 1, and 0 when read again)."""

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import ArticleAttachment
from tests.content.factories import ArticleFactory

# The domain with its site; the article (with whether it has files or related items);
# the page's shell — site tree with hostnames, menu, downtime notices, footer hotline —
# in one statement (portal/request_cache.py, portal/batch.py); the lists beside the text
# (one UNION ALL). Was 7 (and 8 counted here, with the test's own domain lookup) before
# the shell was read in one statement; 9 before issue 22's second pass.
EVERY_CACHE_EMPTY = 4


def _cold_get(client, url: str, budget: int):
    cache.clear()  # Redis and this process's copies (portal/local_cache.py)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    listed = "\n".join(f"{n}. {q['sql'][:300]}" for n, q in enumerate(queries.captured_queries, 1))
    assert len(queries) <= budget, f"{len(queries)} queries, budget {budget}:\n{listed}"
    return response


def test_an_article_with_every_cache_empty(commune, news, site_client):
    article = ArticleFactory(tenant=commune, category=news, title_vi="Hội nghị tổng kết")
    client = site_client(commune)
    response = _cold_get(client, article.get_absolute_url(), EVERY_CACHE_EMPTY)
    assert response.status_code == 200
    assert "Hội nghị tổng kết" in response.content.decode()
    assert "Tệp đính kèm" not in response.content.decode()


def test_an_english_article_with_every_cache_empty(commune, news, site_client):
    article = ArticleFactory(
        tenant=commune, category=news, title_vi="Hội nghị tổng kết", title_en="Year-end review"
    )
    client = site_client(commune)
    response = _cold_get(client, f"/en{article.get_absolute_url()}", EVERY_CACHE_EMPTY)
    assert response.status_code == 200
    assert "Year-end review" in response.content.decode()


def test_an_article_with_files_lists_them_for_one_query_more(commune, news, site_client):
    article = ArticleFactory(tenant=commune, category=news)
    attachment = ArticleAttachment(article=article, title="Kế hoạch chi tiết")
    attachment.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    client = site_client(commune)
    html = _cold_get(client, article.get_absolute_url(), EVERY_CACHE_EMPTY + 1).content.decode()
    assert "Tệp đính kèm" in html and "Kế hoạch chi tiết" in html
