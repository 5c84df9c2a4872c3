"""A file attached to a draft-consultation comment is private: not under /media/ on any
host, downloaded only by staff of the consulting site, gone when the comment is rejected
or deleted; the migration moved the files that were public before."""

import importlib
from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from documents.models import Comment, CommentStatus
from documents.pdfgen import simple_pdf
from tests.documents.factories import CommentFactory

PDF = simple_pdf(["Y kien co so CCCD"])


def _comment_with_file(tenant, **kwargs) -> Comment:
    comment = CommentFactory(consultation__tenant=tenant, **kwargs)
    comment.attachment.save("gop-y.pdf", ContentFile(PDF), save=True)
    return comment


def _change(comment) -> str:
    return reverse("admin:documents_comment_change", args=[comment.pk])


def test_attachment_is_stored_outside_media_and_404_under_media_on_every_host(
    commune, other_commune, province, site_client
):
    comment = _comment_with_file(commune)
    stored = Path(comment.attachment.path)
    assert stored.is_file()
    assert Path(settings.PRIVATE_MEDIA_ROOT) in stored.parents
    assert not (Path(settings.MEDIA_ROOT) / comment.attachment.name).exists()
    for tenant in (commune, other_commune, province):
        answer = site_client(tenant).get(f"/media/{comment.attachment.name}")
        assert answer.status_code == 404


def test_only_staff_of_the_consulting_site_download_it(
    client, commune, commune_editor, other_commune_editor, auditor
):
    comment = _comment_with_file(commune)
    url = reverse("admin:documents_comment_attachment", args=[comment.pk])
    client.force_login(commune_editor)
    assert url in client.get(_change(comment), HTTP_HOST="xaa.portal.test").content.decode()
    download = client.get(url, HTTP_HOST="xaa.portal.test")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    # The province's read-only auditor sees the comment but not the file.
    client.force_login(auditor)
    page = client.get(_change(comment), HTTP_HOST="portal.test").content.decode()
    assert url not in page and "Chỉ cán bộ của đơn vị lấy ý kiến được tải tệp." in page
    assert client.get(url, HTTP_HOST="portal.test").status_code == 403
    # Another commune's editor does not even see it.
    client.force_login(other_commune_editor)
    assert client.get(url, HTTP_HOST="xab.portal.test").status_code == 404
    client.logout()
    assert client.get(url, HTTP_HOST="xaa.portal.test").status_code == 302  # to sign-in


def test_rejecting_a_comment_removes_its_file(client, commune, commune_editor):
    by_action = _comment_with_file(commune)
    by_form = _comment_with_file(commune)
    kept = _comment_with_file(commune)
    paths = {c.pk: Path(c.attachment.path) for c in (by_action, by_form, kept)}
    client.force_login(commune_editor)
    changelist = reverse("admin:documents_comment_changelist")
    client.post(
        changelist,
        {"action": "reject_selected", "_selected_action": [by_action.pk]},
        HTTP_HOST="xaa.portal.test",
    )
    client.post(_change(by_form), {"status": "rejected"}, HTTP_HOST="xaa.portal.test")
    for comment in (by_action, by_form):
        comment.refresh_from_db()
        assert comment.status == CommentStatus.REJECTED
        assert not comment.attachment and not paths[comment.pk].exists()
    kept.refresh_from_db()
    assert kept.attachment and paths[kept.pk].is_file()


def test_deleting_a_comment_removes_its_file(commune):
    comment = _comment_with_file(commune)
    stored = Path(comment.attachment.path)
    comment.delete()
    assert not stored.exists()


def test_migration_moves_public_files_to_private_media(commune):
    comment = CommentFactory(consultation__tenant=commune, attachment="t/1/cc/2026/01/a.pdf")
    public = Path(settings.MEDIA_ROOT) / comment.attachment.name
    public.parent.mkdir(parents=True)
    public.write_bytes(PDF)
    migration = importlib.import_module("documents.migrations.0007_comment_attachments_private")
    migration.to_private(global_apps, None)
    private = Path(settings.PRIVATE_MEDIA_ROOT) / comment.attachment.name
    assert not public.exists() and private.read_bytes() == PDF
    assert Comment.objects.get(pk=comment.pk).attachment.path == str(private)
