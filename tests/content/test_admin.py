"""The admin of every content model opens without error; the editor is bundled."""

import pytest
from django.urls import reverse

from content.models import Article
from tests.content.factories import ArticleFactory, CategoryFactory
from tests.content.isolation_cases import CASES

pytestmark = pytest.mark.django_db
MODELS = [case.admin_model for case in CASES if case.admin_model is not None]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_open(model, commune, commune_site_admin, site_client):
    case = next(c for c in CASES if c.admin_model is model)
    obj = case.make(commune, "MARKADMIN")
    client = site_client(commune, commune_site_admin)
    name = f"admin:content_{model._meta.model_name}"
    assert client.get(reverse(f"{name}_changelist")).status_code == 200
    assert client.get(reverse(f"{name}_change", args=[obj.pk])).status_code == 200
    add = client.get(reverse(f"{name}_add"))
    assert add.status_code in (200, 403)  # syndications are only proposed, never added


def test_article_form_bundles_the_editor_without_inline_script(
    commune, commune_editor, site_client
):
    client = site_client(commune, commune_editor)
    response = client.get(reverse("admin:content_article_add"))
    html = response.content.decode()
    assert "content/admin/editor.js" in html and 'data-rich-text="1"' in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert (
        "unsafe-inline"
        not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )


def test_category_of_another_site_is_refused_with_a_message(
    commune, other_commune, commune_editor, site_client
):
    own = CategoryFactory(tenant=commune)
    foreign = CategoryFactory(tenant=other_commune)
    article = ArticleFactory(tenant=commune, category=own, title_vi="Tin của xã")
    client = site_client(commune, commune_editor)
    response = client.post(
        reverse("admin:content_article_change", args=[article.pk]),
        {
            "tenant": commune.pk,
            "category": foreign.pk,
            "title_vi": "Tin của xã",
            "slug": article.slug,
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "_save": "1",
        },
    )
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).category == own


def test_map_without_its_text_is_a_form_error_not_a_500(commune, commune_site_admin, site_client):
    """The model's rule named `map_text`, a field the translated admin form does not have."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from content.models import LocalityPage
    from tests.content.factories import jpeg_bytes

    client = site_client(commune, commune_site_admin)
    response = client.post(
        reverse("admin:content_localitypage_add"),
        {
            "tenant": commune.pk,
            "kind": "map",
            "title_vi": "Bản đồ",
            "order": "0",
            "map_file": SimpleUploadedFile("ban-do.jpg", jpeg_bytes(), "image/jpeg"),
            "_save": "1",
        },
    )
    assert response.status_code == 200
    assert "Bản đồ cần có mô tả bằng văn bản." in response.content.decode()
    assert not LocalityPage.objects.filter(tenant=commune).exists()
