"""Comments on drafts go through documents/consultations.py: received by the public page,
moderated by the admin with an audit entry per comment."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from documents import consultations
from documents.models import Comment, CommentStatus
from tests.documents.factories import CommentFactory, ConsultationFactory

pytestmark = pytest.mark.django_db


def test_a_received_comment_belongs_to_the_consultations_site_and_waits(commune):
    consultation = ConsultationFactory(tenant=commune)
    comment = consultations.receive_comment(
        consultation, Comment(name="Lê Văn An", email="an@example.vn", body="Góp ý")
    )
    comment.refresh_from_db()
    assert (comment.consultation, comment.tenant_id) == (consultation, commune.pk)
    assert comment.status == CommentStatus.PENDING


def test_moderation_from_the_admin_is_audit_logged_with_the_moderator(
    commune, commune_editor, site_client
):
    comment = CommentFactory(consultation__tenant=commune)
    client = site_client(commune, commune_editor)
    client.post(
        reverse("admin:documents_comment_changelist"),
        {"action": "reject_selected", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    entry = LogEntry.objects.get_for_object(comment).latest("timestamp")
    assert entry.actor == commune_editor
    assert entry.changes_dict["status"] == [CommentStatus.PENDING, CommentStatus.REJECTED]
