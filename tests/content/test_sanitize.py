"""Rich text keeps the editor's markup and loses every script and event handler."""

import pytest

from content.sanitize import plain_text, sanitize_html
from tests.content.factories import ArticleFactory

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<body onload=alert(1)>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">x</div>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<form action="https://evil.example"><input name=a></form>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    "<scr<script>ipt>alert(1)</script>",
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    "<!--<script>alert(1)</script>-->",
]
DANGEROUS = ("<script", "onerror", "onload", "onmouseover", "javascript:", "<iframe", "<object",
             "<embed", "<form", "style=", "<style", "<meta", "<base", "data:text")  # fmt: skip


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_script_and_handler_payloads_are_stripped(payload):
    cleaned = sanitize_html(f"<p>Trước</p>{payload}<p>Sau</p>").lower()
    for needle in DANGEROUS:
        assert needle not in cleaned, (payload, cleaned)
    assert "<p>trước</p>" in cleaned


def test_editor_markup_survives():
    html = (
        "<h2>Mục</h2><p><strong>Đậm</strong> <em>nghiêng</em> "
        '<a href="https://example.gov.vn/">liên kết</a></p><ul><li>Một</li></ul>'
        "<blockquote>Trích</blockquote>"
    )
    cleaned = sanitize_html(html)
    for tag in ("<h2>", "<strong>", "<em>", "<ul>", "<li>", "<blockquote>"):
        assert tag in cleaned
    assert 'href="https://example.gov.vn/"' in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_article_body_is_sanitised_on_save_in_both_languages(commune):
    article = ArticleFactory(
        tenant=commune,
        body_vi='<p onclick="x()">Chào</p><script>alert(1)</script>',
        body_en="<img src=x onerror=alert(1)><p>Hello</p>",
    )
    article.refresh_from_db()
    assert article.body_vi == "<p>Chào</p>"
    assert "onerror" not in article.body_en and "<p>Hello</p>" in article.body_en


def test_article_page_never_carries_a_stored_payload(commune, site_client):
    article = ArticleFactory(tenant=commune, body_vi="<p>An toàn</p><img src=x onerror=alert(1)>")
    html = site_client(commune).get(article.get_absolute_url()).content.decode()
    assert "onerror" not in html and "An toàn" in html


def test_plain_text_for_feeds_and_search():
    assert plain_text("<p>a &amp; b</p><p>c<br>d</p>") == "a & b c d"
