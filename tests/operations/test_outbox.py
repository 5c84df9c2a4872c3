"""Celery broker down: the request succeeds, the task waits in the outbox, none is lost."""

import time

import pytest
import redis
from celery import current_app
from django.core import mail

from dialogue.models import Inquiry
from dialogue.tasks import mail_received
from operations import outbox
from operations.models import OutboxTask
from tests.dialogue.factories import InquiryFactory, solve_page

pytestmark = pytest.mark.django_db

CLOSED_PORT = 21209


def _fresh_connections() -> None:
    # Drop the references only: kombu keeps pools in a global registry, and a closed one
    # would be handed to the next test that publishes.
    current_app._pool = None
    current_app.amqp._producer_pool = None


@pytest.fixture
def broker():
    """Point Celery at a broker URL the test chooses, not eager, and restore it after."""
    conf = current_app.conf
    before = conf.task_always_eager, conf.broker_url

    def use(url: str) -> None:
        conf.task_always_eager, conf.broker_url = False, url
        _fresh_connections()

    yield use
    conf.task_always_eager, conf.broker_url = before
    _fresh_connections()


def test_a_question_sent_with_the_broker_down_is_stored_and_its_mail_kept(
    commune, site_client, broker, django_capture_on_commit_callbacks
):
    client = site_client(commune)
    data = {
        "kind": "question",
        "name": "Lê Văn Hùng",
        "email": "hung@example.com",
        "topic": "land",
        "title": "Hỏi khi hàng đợi ngừng",
        "content": "Câu hỏi gửi trong lúc hàng đợi tác vụ không hoạt động.",
        "consent": "on",
        "website": "",
        **solve_page(client.get("/hoi-dap/gui-cau-hoi/").content.decode()),
    }
    broker(f"redis://127.0.0.1:{CLOSED_PORT}/0")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/hoi-dap/gui-cau-hoi/", data)
    assert response.status_code == 302
    # One connection attempt, not kombu's retries (6 s before the transport option
    # max_retries=0): the citizen does not wait for the broker.
    assert time.monotonic() - started < 2
    inquiry = Inquiry.objects.get()
    kept = OutboxTask.objects.get(task_name="dialogue.tasks.mail_received")
    assert kept.args == [inquiry.pk]


def test_drain_sends_kept_tasks_to_the_broker_when_it_is_back(commune, private_redis, broker):
    inquiry = InquiryFactory(tenant=commune)
    broker(f"redis://127.0.0.1:{CLOSED_PORT}/0")
    outbox.enqueue(mail_received, inquiry.pk)
    outbox.enqueue(mail_received, inquiry.pk)
    assert outbox.drain() == (0, 2)  # still down: nothing lost, one attempt counted
    assert OutboxTask.objects.first().attempts == 1
    broker(private_redis.url)
    assert outbox.drain() == (2, 0)
    queued = redis.Redis.from_url(private_redis.url).llen("celery")
    assert queued == 2


def test_drain_in_eager_mode_runs_the_kept_mail(commune):
    inquiry = InquiryFactory(tenant=commune, email="lan@example.com")
    OutboxTask.objects.create(task_name="dialogue.tasks.mail_received", args=[inquiry.pk])
    assert outbox.drain() == (1, 0)
    assert mail.outbox and inquiry.tracking_code in mail.outbox[0].body
