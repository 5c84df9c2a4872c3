"""The shared workflow: roles, transitions, schedule, trash, signals, audit trail."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.utils import timezone

from portal import publishing
from portal.publishing import PublicationStatus, PublishingError, item_published, item_unpublished
from portal.tasks import run_publication_schedule
from tests.portal.workflow_models import Notice

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def notice(commune):
    return Notice.objects.create(tenant=commune, title="Thông báo lịch tiếp dân")


@pytest.fixture
def received(django_capture_on_commit_callbacks):
    events = []

    def on_published(sender, instance, **kwargs):
        events.append(("published", instance.pk))

    def on_unpublished(sender, instance, **kwargs):
        events.append(("unpublished", instance.pk))

    item_published.connect(on_published, weak=False)
    item_unpublished.connect(on_unpublished, weak=False)
    yield events
    item_published.disconnect(on_published)
    item_unpublished.disconnect(on_unpublished)


def test_editor_submits_and_approver_publishes(notice, commune_editor, commune_approver):
    publishing.submit(notice, by=commune_editor)
    assert notice.status == PublicationStatus.PENDING
    publishing.publish(notice, by=commune_approver)
    notice.refresh_from_db()
    assert notice.status == PublicationStatus.PUBLISHED and notice.published_at is not None
    assert list(Notice.objects.for_tenant(notice.tenant).published()) == [notice]


def test_editor_cannot_publish_without_the_approver_role(notice, commune_editor):
    with pytest.raises(PublishingError, match="người duyệt"):
        publishing.publish(notice, by=commune_editor)
    notice.refresh_from_db()
    assert notice.status == PublicationStatus.DRAFT


def test_editor_of_another_commune_cannot_even_submit(notice, other_commune_editor):
    with pytest.raises(PublishingError):
        publishing.submit(notice, by=other_commune_editor)


def test_board_member_publishes_anywhere_in_the_tree(notice, board_member):
    publishing.publish(notice, by=board_member)
    assert notice.status == PublicationStatus.PUBLISHED


def test_auditor_cannot_change_anything(notice, auditor):
    for transition in (publishing.submit, publishing.publish, publishing.archive, publishing.trash):
        with pytest.raises(PublishingError):
            transition(notice, by=auditor)


def test_reject_needs_a_reason_and_returns_the_item_to_draft(
    notice, commune_editor, commune_approver
):
    publishing.submit(notice, by=commune_editor)
    with pytest.raises(PublishingError, match="lý do"):
        publishing.reject(notice, by=commune_approver, reason="  ")
    publishing.reject(notice, by=commune_approver, reason="Thiếu ảnh minh họa")
    notice.refresh_from_db()
    assert notice.status == PublicationStatus.DRAFT
    assert notice.review_note == "Thiếu ảnh minh họa"


def test_transition_from_a_wrong_state_is_refused_with_a_message(notice, commune_approver):
    with pytest.raises(PublishingError, match="trạng thái"):
        publishing.archive(notice, by=commune_approver)


def test_scheduled_publication_runs_through_the_celery_task(
    notice, commune_approver, received, django_capture_on_commit_callbacks
):
    at = timezone.now() + timedelta(hours=2)
    publishing.publish(notice, by=commune_approver, at=at)
    assert notice.status == PublicationStatus.SCHEDULED
    assert not Notice.objects.published().exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_publication_schedule.delay().get() == {"published": 0, "unpublished": 0}
    notice.publish_at = timezone.now() - timedelta(seconds=1)
    notice.save()
    with django_capture_on_commit_callbacks(execute=True):
        result = run_publication_schedule.delay().get()
    assert result["published"] == 1
    notice.refresh_from_db()
    assert notice.status == PublicationStatus.PUBLISHED
    assert ("published", notice.pk) in received
    with django_capture_on_commit_callbacks(execute=True):
        assert run_publication_schedule.delay().get()["published"] == 0  # idempotent


def test_scheduled_unpublication(
    notice, commune_approver, received, django_capture_on_commit_callbacks
):
    publishing.publish(notice, by=commune_approver)
    Notice.objects.filter(pk=notice.pk).update(unpublish_at=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert publishing.run_schedule()["unpublished"] == 1
    notice.refresh_from_db()
    assert notice.status == PublicationStatus.ARCHIVED
    assert ("unpublished", notice.pk) in received


def test_trash_hides_and_restore_brings_back(notice, commune_approver, commune_editor):
    publishing.publish(notice, by=commune_approver)
    with pytest.raises(PublishingError):
        publishing.trash(notice, by=commune_editor)  # published items: approvers only
    publishing.trash(notice, by=commune_approver)
    assert not Notice.objects.published().exists()
    assert Notice.objects.trashed().count() == 1
    publishing.restore(notice, by=commune_editor)
    assert Notice.objects.published().get() == notice


def test_transitions_are_audit_logged_with_the_actor(notice, commune_approver):
    auditlog.register(Notice)
    try:
        publishing.publish(notice, by=commune_approver)
        entry = LogEntry.objects.get_for_object(notice).latest("timestamp")
        assert entry.actor == commune_approver
        assert entry.changes_dict["status"] == ["draft", "published"]
    finally:
        auditlog.unregister(Notice)
