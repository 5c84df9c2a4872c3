"""The index follows the real workflow: signals → on_commit → Celery task → rows."""

import pytest
from django.core.management import call_command

from portal import publishing
from search.indexing import request_reindex
from search.models import SearchEntry
from tests.search.factories import bulletin
from tests.search.models import bulletin_model
from tests.search.test_search import text


@pytest.fixture
def draft(commune):
    return bulletin(
        commune, "Thông báo cắt điện thôn Đông", status=publishing.PublicationStatus.DRAFT
    )


def found(client, q="cat dien") -> bool:
    return "Thông báo cắt điện" in text(client.get("/tim-kiem/", {"q": q}))


def test_published_archived_trashed_restored_and_deleted(
    draft, commune, commune_approver, site_client, django_capture_on_commit_callbacks
):
    client = site_client(commune)
    assert not found(client)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(draft, by=commune_approver)
    assert found(client)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.archive(draft, by=commune_approver)
    assert not found(client)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(draft, by=commune_approver)
        publishing.trash(draft, by=commune_approver)
    assert not found(client)
    with django_capture_on_commit_callbacks(execute=True):
        publishing.restore(draft, by=commune_approver)
    assert found(client)
    with django_capture_on_commit_callbacks(execute=True):
        bulletin_model().objects.get(pk=draft.pk).delete()
    assert not found(client)
    assert not SearchEntry.objects.exists()


def test_an_edit_of_a_published_item_is_reindexed(
    draft, commune, commune_approver, site_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(draft, by=commune_approver)
        draft.title = "Thông báo cắt nước thôn Đông"
        draft.save()
    client = site_client(commune)
    assert not found(client)
    assert "cắt nước" in text(client.get("/tim-kiem/", {"q": "cat nuoc"}))
    assert SearchEntry.objects.count() == 1


def test_a_draft_saved_is_never_indexed(draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft.body = "Nội dung mới"
        draft.save()
    assert not SearchEntry.objects.exists()


def test_the_request_does_not_wait_the_task_runs_after_commit(
    draft, commune_approver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publishing.publish(draft, by=commune_approver)
        request_reindex(draft)
    assert callbacks  # queued for after the commit...
    assert not SearchEntry.objects.exists()  # ...not done in the request


def test_an_object_of_an_unregistered_model_is_ignored(commune, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request_reindex(commune)
    assert callbacks == []


def test_rebuild_command_indexes_in_bulk_with_progress(commune, capsys):
    for n in range(30):
        bulletin(commune, f"Bản tin số {n}", title_en=f"Bulletin {n}" if n % 2 else "")
    bulletin(commune, "Bản nháp", status=publishing.PublicationStatus.DRAFT)
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", "--batch-size", "7")
    output = capsys.readouterr().out
    assert "article" in output and "100% 30/30" in output
    assert SearchEntry.objects.filter(language="vi").count() == 30
    assert SearchEntry.objects.filter(language="en").count() == 15
    assert SearchEntry.objects.filter(vector__isnull=True).count() == 0
    call_command("rebuild_search_index")  # idempotent
    assert SearchEntry.objects.count() == 45
