"""Operators read a waiting task's arguments as a list, never as JSON, and cannot edit them."""

import pytest
from django.urls import reverse

from operations.models import OutboxTask

pytestmark = pytest.mark.django_db


def test_outbox_task_arguments_are_read_not_typed(province, superuser, site_client):
    task = OutboxTask.objects.create(
        task_name="compliance.tasks.measure_site", args=[12, 7], kwargs={"force": True}
    )
    client = site_client(province, superuser)
    listing = client.get(reverse("admin:operations_outboxtask_changelist")).content.decode()
    assert "12, 7, force=True" in listing
    change = reverse("admin:operations_outboxtask_change", args=[task.pk])
    html = client.get(change).content.decode()
    assert "<li>12</li><li>7</li>" in html
    assert "<li><strong>force</strong>: Có</li>" in html
    assert "[12, 7]" not in html and "&quot;force&quot;" not in html
    assert 'name="args"' not in html
    assert client.post(change, {"args": "[1]"}).status_code == 403
    task.refresh_from_db()
    assert (task.args, task.kwargs) == ([12, 7], {"force": True})
