"""A draft previewed as it will appear, on its own site's host, from a signed link in the
admin: never on another site, never with a forged or expired link, never cached."""

import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import translation

from content import preview
from portal.publishing import PublicationStatus
from tests.content.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(commune, news):
    return ArticleFactory(
        tenant=commune,
        category=news,
        title_vi="Dự thảo tin hội nghị",
        status=PublicationStatus.DRAFT,
    )


def _preview_path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_editor_opens_the_draft_on_its_sites_own_host(
    draft, commune, commune_editor, site_client, client
):
    client.force_login(commune_editor)
    form = client.get(
        reverse("admin:content_article_change", args=[draft.pk]), HTTP_HOST="portal.test"
    )
    url = form.context["preview_url"]
    assert url.startswith("http://xaa.portal.test/xem-truoc/")
    assert f'href="{url}"' in form.content.decode()

    anonymous = site_client(commune)  # the site's host: no admin session needed
    assert anonymous.get(draft.get_absolute_url()).status_code == 404  # not published
    page = anonymous.get(_preview_path(url))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Dự thảo tin hội nghị" in html and "Bản xem trước" in html
    assert "no-store" in page["Cache-Control"] and "noindex" in page["X-Robots-Tag"]


def test_preview_link_is_refused_on_another_site_and_when_forged(draft, other_commune, site_client):
    with translation.override("vi"):
        path = reverse("content:preview", args=[preview.token_for(draft)])
    assert site_client(other_commune).get(path).status_code == 404
    forged = signing.dumps({"a": draft.pk, "t": draft.tenant_id}, salt="another purpose")
    with translation.override("vi"):
        forged_path = reverse("content:preview", args=[forged])
    assert site_client(draft.tenant).get(forged_path).status_code == 404


def test_preview_link_expires_after_a_day(draft, site_client, monkeypatch):
    with translation.override("vi"):
        path = reverse("content:preview", args=[preview.token_for(draft)])
    monkeypatch.setattr(preview, "MAX_AGE_SECONDS", -1)
    assert site_client(draft.tenant).get(path).status_code == 404
