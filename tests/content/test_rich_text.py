"""The article body as the new editor produces it: tables and pictures survive the
sanitiser, Word's junk does not; pictures come only from the article's own site's
library and carry alt text; bodies stored before the editor changed render unchanged."""

import json

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from content.models import Article
from content.rich_text import body_image_errors
from content.sanitize import sanitize_body, sanitize_html
from portal.publishing import PublicationStatus
from tests.content.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db

WORD_PASTE = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><xml><w:WordDocument>'
    "<w:View>Normal</w:View><w:Zoom>0</w:Zoom></w:WordDocument></xml>"
    '<style>p.MsoNormal{mso-style-parent:"";margin:0cm}</style></head><body>'
    '<!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026"/></xml><![endif]-->'
    '<p class="MsoNormal" style="mso-margin-top-alt:auto;line-height:150%">'
    '<b style="mso-bidi-font-weight:normal">Kế hoạch tiếp công dân</b><o:p>&nbsp;</o:p></p>'
    '<table class="MsoTableGrid" border="1" cellspacing="0" style="mso-yfti-tbllook:1184">'
    '<thead><tr style="mso-yfti-irow:0"><th class="MsoNormal" colspan="2" '
    'style="mso-border-alt:solid windowtext .5pt">Lịch tháng 12</th></tr></thead>'
    '<tbody><tr><td width="200" valign="top" rowspan="2" style="mso-border-alt:solid">'
    '<p class="MsoNormal">Thứ Hai<o:p></o:p></p></td><td>Chủ tịch UBND xã</td></tr>'
    "<tr><td>Phó Chủ tịch</td></tr></tbody></table></body></html>"
)
# What the old contenteditable editor stored (execCommand markup, already sanitised).
OLD_EDITOR_BODY = (
    "<p>Sáng nay, <b>Ủy ban nhân dân xã</b> tổ chức <i>hội nghị</i>.</p>"
    "<h2>Kết quả</h2><ul><li>Một</li><li>Hai<br>dòng mới</li></ul>"
    '<ol start="3"><li>Ba</li></ol><blockquote>Trích dẫn</blockquote>'
    '<p><a href="https://dichvucong.gov.vn/" rel="noopener noreferrer">Dịch vụ công</a> '
    '<a href="/tin-tuc/" rel="noopener noreferrer">Tin tức</a> <span>chữ</span></p>'
    "<table><tbody><tr><th>Cột</th></tr><tr><td>Ô</td></tr></tbody></table><hr>"
)


def _media_src(image):
    return default_storage.url(image.file.name)


def test_tables_with_spans_and_images_with_alt_survive():
    html = (
        '<table><thead><tr><th colspan="2">Lịch</th></tr></thead><tbody><tr>'
        '<td rowspan="2">Thứ Hai</td><td>Sáng</td></tr></tbody></table>'
        '<p><img src="/media/t/1/images/2026/12/a-hoi-nghi.jpg" alt="Toàn cảnh hội nghị" '
        'width="800" height="600"></p>'
    )
    assert sanitize_body(html) == html


def test_word_paste_loses_its_junk_and_keeps_the_table():
    cleaned = sanitize_body(WORD_PASTE)
    for junk in ("Mso", "mso-", "o:p", "<xml", "Normal0", "style=", "class=", "border=", "width="):
        assert junk not in cleaned, (junk, cleaned)
    assert "<p><b>Kế hoạch tiếp công dân</b></p>" in cleaned
    assert '<th colspan="2">Lịch tháng 12</th>' in cleaned
    assert '<td rowspan="2"><p>Thứ Hai</p></td><td>Chủ tịch UBND xã</td>' in cleaned


def test_body_pictures_only_from_our_media():
    html = (
        '<p>a</p><img src="https://anh.example.com/x.jpg" alt="ngoài">'
        '<img src="//anh.example.com/x.jpg" alt="ngoài"><img src="/media/../etc/x" alt="leo">'
        '<img src="/media/t/1/images/a.jpg" alt="của ta">'
    )
    assert sanitize_body(html) == '<p>a</p><img src="/media/t/1/images/a.jpg" alt="của ta">'
    # The importer's general pass keeps outside pictures: it fetches them afterwards.
    assert "https://anh.example.com/x.jpg" in sanitize_html(html)


def test_a_stored_body_renders_unchanged(commune, site_client):
    image = ImageFactory(tenant=commune, alt_vi="Hội nghị")
    stored = OLD_EDITOR_BODY + f'<p><img src="{_media_src(image)}" alt="Hội nghị"></p>'
    # Stored by the old editor (written directly, as it sits in the database today) …
    article = ArticleFactory(tenant=commune)
    Article.objects.filter(pk=article.pk).update(body_vi=stored)
    before = site_client(commune).get(article.get_absolute_url()).content.decode()
    assert stored in before
    # … and saved again through the new rules: byte for byte the same body and page.
    article.refresh_from_db()
    article.full_clean()
    article.save()
    article.refresh_from_db()
    assert article.body_vi == stored
    after = site_client(commune).get(article.get_absolute_url()).content.decode()
    assert stored in after


def _post(client, article, body, **extra):
    data = {
        "tenant": article.tenant_id,
        "category": article.category_id,
        "title_vi": article.title_vi,
        "slug": article.slug,
        "summary_vi": article.summary_vi,
        "body_vi": body,
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "_save": "1",
        **extra,
    }
    return client.post(reverse("admin:content_article_change", args=[article.pk]), data)


def test_a_picture_from_another_sites_library_is_refused(
    commune, other_commune, commune_editor, site_client
):
    foreign = ImageFactory(tenant=other_commune, alt_vi="Ảnh của xã khác")
    article = ArticleFactory(tenant=commune, body_vi="<p>Cũ</p>")
    client = site_client(commune, commune_editor)
    body = f'<p>Mới</p><img src="{_media_src(foreign)}" alt="Ảnh của xã khác">'
    response = _post(client, article, body)
    assert response.status_code == 200
    html = response.content.decode()
    assert "không thuộc thư viện ảnh của đơn vị này" in html
    article.refresh_from_db()
    assert article.body_vi == "<p>Cũ</p>"


def test_a_picture_without_alt_is_refused_with_a_clear_message(
    commune, commune_editor, site_client
):
    own = ImageFactory(tenant=commune)
    article = ArticleFactory(tenant=commune, body_vi="<p>Cũ</p>")
    client = site_client(commune, commune_editor)
    response = _post(client, article, f'<p>Mới</p><img src="{_media_src(own)}" alt="  ">')
    html = response.content.decode()
    assert "chưa có văn bản thay thế (alt)" in html
    assert "Hãy mô tả ngắn nội dung ảnh cho người không nhìn thấy ảnh." in html
    article.refresh_from_db()
    assert article.body_vi == "<p>Cũ</p>"

    with translation.override("en"):
        (english,) = body_image_errors(f'<img src="{_media_src(own)}">', commune.pk)
    assert "has no text alternative (alt)" in english


def test_a_picture_of_the_own_library_with_alt_is_stored(commune, commune_editor, site_client):
    own = ImageFactory(tenant=commune)
    article = ArticleFactory(tenant=commune, body_vi="<p>Cũ</p>")
    client = site_client(commune, commune_editor)
    body = f'<p>Mới</p><p><img src="{_media_src(own)}" alt="Toàn cảnh" width="64" height="48"></p>'
    response = _post(client, article, body)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.body_vi == body


def test_the_picker_offers_only_the_sites_own_library(
    commune, other_commune, commune_editor, site_client
):
    own = ImageFactory(tenant=commune, alt_vi="Ảnh của xã")
    ImageFactory(tenant=other_commune, alt_vi="Ảnh của xã khác")
    client = site_client(commune, commune_editor)
    url = reverse("admin:content_article_library")
    answer = client.get(url, {"tenant": commune.pk})
    assert answer.status_code == 200
    images = json.loads(answer.content)["images"]
    assert [(i["id"], i["alt"], i["src"]) for i in images] == [
        (own.pk, "Ảnh của xã", _media_src(own))
    ]
    refused = client.get(url, {"tenant": other_commune.pk})
    assert refused.status_code == 403
    assert "đơn vị khác" in json.loads(refused.content)["error"]
    assert client.get(url).status_code == 400


def test_the_article_form_loads_the_editor_as_a_module_without_an_import_map(
    commune, commune_editor, site_client
):
    html = site_client(commune, commune_editor).get(reverse("admin:content_article_add"))
    text = html.content.decode()
    assert '<script src="/static/content/admin/editor.js" type="module"></script>' in text
    assert "importmap" not in text
    assert "data-library-url=" in text and "Ảnh từ thư viện" in text


def test_the_link_dialog_suggests_the_sites_own_pages(
    commune, other_commune, commune_editor, site_client
):
    own = ArticleFactory(tenant=commune, title_vi="Lịch tiếp công dân")
    ArticleFactory(
        tenant=commune, title_vi="Bản nháp", status=PublicationStatus.DRAFT, published_at=None
    )
    ArticleFactory(tenant=other_commune, title_vi="Tin của xã khác")
    client = site_client(commune, commune_editor)
    url = reverse("admin:content_article_links")
    links = json.loads(client.get(url, {"tenant": commune.pk}).content)["links"]
    titles = {link["title"]: link["url"] for link in links}
    assert titles["Lịch tiếp công dân"] == own.get_absolute_url()
    assert titles[own.category.name] == own.category.get_absolute_url()
    assert "Bản nháp" not in titles and "Tin của xã khác" not in titles
    assert client.get(url, {"tenant": other_commune.pk}).status_code == 403
