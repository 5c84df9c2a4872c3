"""The article workflow per role, through the shared module and through the admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from content import revisions
from content.models import Article, ArticleRevision
from portal import publishing
from portal.publishing import PublicationStatus, PublishingError
from portal.tasks import run_publication_schedule
from tests.content.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(commune, news):
    return ArticleFactory(
        tenant=commune,
        category=news,
        status=PublicationStatus.DRAFT,
        published_at=None,
        title_vi="Bản nháp",
    )


def _change_url(article):
    return reverse("admin:content_article_change", args=[article.pk])


def _form(article, **extra):
    data = {
        "tenant": article.tenant_id,
        "category": article.category_id,
        "title_vi": article.title_vi,
        "title_en": article.title_en or "",
        "slug": article.slug,
        "summary_vi": article.summary_vi,
        "summary_en": "",
        "body_vi": article.body_vi,
        "body_en": "",
        "author": "",
        "source": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "_save": "1",
    }
    data.update(extra)
    return data


def test_editor_submits_and_approver_publishes_then_it_is_public(
    draft, commune_editor, commune_approver, site_client, commune
):
    publishing.submit(draft, by=commune_editor)
    assert site_client(commune).get(draft.get_absolute_url()).status_code == 404
    publishing.publish(draft, by=commune_approver)
    response = site_client(commune).get(draft.get_absolute_url())
    assert response.status_code == 200 and "Bản nháp" in response.content.decode()
    assert "Bản nháp" in site_client(commune).get("/chuyen-muc/tin-tuc/").content.decode()


def test_editor_cannot_publish(draft, commune_editor):
    with pytest.raises(PublishingError):
        publishing.publish(draft, by=commune_editor)


def test_approver_rejects_with_a_reason(draft, commune_editor, commune_approver):
    publishing.submit(draft, by=commune_editor)
    publishing.reject(draft, by=commune_approver, reason="Thiếu ảnh")
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT and draft.review_note == "Thiếu ảnh"


def test_editor_forging_the_publish_button_in_the_admin_is_refused(
    draft, commune_editor, site_client, commune
):
    client = site_client(commune, commune_editor)
    response = client.post(_change_url(draft), _form(draft, _workflow="publish"), follow=True)
    assert response.status_code == 200
    assert "người duyệt" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.DRAFT


def test_approver_publishes_from_the_admin(draft, commune_approver, site_client, commune):
    client = site_client(commune, commune_approver)
    response = client.post(_change_url(draft), _form(draft, _workflow="publish"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PublicationStatus.PUBLISHED


def test_editor_of_another_commune_cannot_edit_by_forged_post(
    draft, other_commune_editor, site_client, other_commune
):
    client = site_client(other_commune, other_commune_editor)
    response = client.post(_change_url(draft), _form(draft, title_vi="Bị sửa"))
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.title_vi == "Bản nháp"


def test_admin_sanitises_the_body_it_receives(draft, commune_editor, site_client, commune):
    client = site_client(commune, commune_editor)
    body = '<p onclick="alert(1)">Chào</p><script>alert(1)</script><a href="javascript:x()">a</a>'
    assert client.post(_change_url(draft), _form(draft, body_vi=body)).status_code == 302
    draft.refresh_from_db()
    assert "script" not in draft.body_vi and "onclick" not in draft.body_vi
    # A picture that is not from the site's library is refused, with a message.
    picture = '<p>Chào</p><img src="x" onerror="alert(1)" alt="x">'
    refused = client.post(_change_url(draft), _form(draft, body_vi=picture))
    assert refused.status_code == 200 and "không thuộc thư viện ảnh" in refused.content.decode()


def test_scheduled_publish_runs_through_the_real_celery_task(
    draft, commune_approver, site_client, commune
):
    publishing.publish(draft, by=commune_approver, at=timezone.now() + timedelta(hours=1))
    assert draft.status == PublicationStatus.SCHEDULED
    assert site_client(commune).get(draft.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=draft.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    result = run_publication_schedule.delay().get()
    assert result["published"] == 1
    assert site_client(commune).get(draft.get_absolute_url()).status_code == 200


def test_scheduled_unpublish_removes_the_article(commune, news, site_client):
    article = ArticleFactory(
        tenant=commune, category=news, unpublish_at=timezone.now() - timedelta(minutes=1)
    )
    run_publication_schedule.delay().get()
    assert site_client(commune).get(article.get_absolute_url()).status_code == 404


def test_trash_hides_and_restore_brings_back(commune, news, commune_approver, site_client):
    article = ArticleFactory(tenant=commune, category=news)
    publishing.trash(article, by=commune_approver)
    assert site_client(commune).get(article.get_absolute_url()).status_code == 404
    publishing.restore(article, by=commune_approver)
    assert site_client(commune).get(article.get_absolute_url()).status_code == 200


def test_every_change_is_kept_and_an_earlier_version_restores(
    draft, commune_editor, site_client, commune
):
    client = site_client(commune, commune_editor)
    client.post(_change_url(draft), _form(draft, title_vi="Phiên bản hai"))
    client.post(_change_url(draft), _form(draft, title_vi="Phiên bản ba"))
    titles = [r.data["title_vi"] for r in draft.revisions.all()]
    assert titles == ["Phiên bản ba", "Phiên bản hai", "Bản nháp"]
    first = ArticleRevision.objects.get(article=draft, data__title_vi="Bản nháp")
    history = reverse("admin:content_article_revisions", args=[draft.pk])
    assert "Phiên bản hai" in client.get(history).content.decode()
    assert client.post(history, {"revision": first.pk}).status_code == 302
    draft.refresh_from_db()
    assert draft.title_vi == "Bản nháp"
    assert draft.revisions.count() == 4  # the restore is itself a new version


def test_another_communes_editor_cannot_restore_a_version(
    draft, other_commune_editor, site_client, other_commune
):
    revision = draft.revisions.first()
    client = site_client(other_commune, other_commune_editor)
    history = reverse("admin:content_article_revisions", args=[draft.pk])
    assert client.post(history, {"revision": revision.pk}).status_code == 403


def test_restoring_a_version_of_another_communes_article_is_refused(draft, other_commune_editor):
    with pytest.raises(revisions.RevisionError, match="không có quyền"):
        revisions.restore(draft.revisions.first(), by=other_commune_editor)


def test_slug_folds_vietnamese_and_is_unique_per_site(commune, other_commune, news):
    first = ArticleFactory(tenant=commune, category=news, title_vi="Quy hoạch sử dụng đất")
    second = ArticleFactory(tenant=commune, category=news, title_vi="Quy hoạch sử dụng đất")
    elsewhere = ArticleFactory(tenant=other_commune, title_vi="Quy hoạch sử dụng đất")
    assert first.slug == "quy-hoach-su-dung-dat"
    assert second.slug == "quy-hoach-su-dung-dat-2"
    assert elsewhere.slug == "quy-hoach-su-dung-dat"
