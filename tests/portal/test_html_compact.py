"""HTML pages leave without template indentation (portal/html_compact.py): lighter pages,
the same document."""

from portal.html_compact import compact
from tests.content.factories import ArticleFactory, CategoryFactory


def test_indentation_and_blank_lines_go_but_pre_and_textarea_stay():
    html = (
        "<ul>\n    \n  <li>a</li>\n\n    <li>b</li>\n</ul>\n"
        "<pre>\n  x\n\n  y</pre>\n  <textarea>\n  t\n</textarea>"
    )
    assert compact(html) == (
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre>\n  x\n\n  y</pre>\n<textarea>\n  t\n</textarea>"
    )


def test_an_article_page_is_compact_and_light(commune, site_client):
    news = CategoryFactory(tenant=commune, name_vi="Tin tức", slug="tin-tuc", in_menu=True)
    article = ArticleFactory(tenant=commune, category=news)
    response = site_client(commune).get(article.get_absolute_url())
    assert "\n  " not in response.content.decode()
    assert int(response["Content-Length"]) == len(response.content) < 12_000
