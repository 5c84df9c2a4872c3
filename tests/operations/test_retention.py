"""Retention of citizens' personal data: past its period a record is anonymised (name,
e-mail, phone, address, attachment) and keeps its published answer and its statistics;
a dry run changes nothing; the nightly task and the command do the same."""

from datetime import timedelta
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from dialogue.models import Inquiry, InquiryStatus, SessionQuestion
from documents.models import Comment
from operations import retention
from operations.tasks import purge_personal_data
from surveys.models import PageRating
from tests.dialogue.factories import (
    InquiryFactory,
    PublishedInquiryFactory,
    SessionFactory,
    SessionQuestionFactory,
)
from tests.documents.factories import CommentFactory
from tests.surveys.factories import RatingFactory


@pytest.fixture(autouse=True)
def _periods(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PERSONAL_DATA_RETENTION_DAYS = {
        "questions": 365,
        "comments": 365,
        "session_questions": 365,
        "ratings": 180,
        "survey_answers": 180,
        "audit_ip": 90,
    }


def _age(model, pk, days, field="created_at"):
    model.objects.filter(pk=pk).update(**{field: timezone.now() - timedelta(days=days)})


@pytest.fixture
def citizens_data(commune):
    old = PublishedInquiryFactory(tenant=commune)
    old.attachment.save("cccd.pdf", ContentFile(b"%PDF-1.4 CCCD"), save=True)
    recent = InquiryFactory(tenant=commune)
    comment = CommentFactory(consultation__tenant=commune, organisation="HTX Bình An")
    comment.attachment.save("gop-y.pdf", ContentFile(b"%PDF-1.4 y kien"), save=True)
    question = SessionQuestionFactory(
        session=SessionFactory(tenant=commune), email="nam@example.vn", locality="Thôn 3"
    )
    rating = RatingFactory(tenant=commune, comment="Tôi là Lan, số 0912…", useful=False)
    entry = LogEntry.objects.create(
        content_type_id=1, object_pk="1", object_repr="x", action=0, remote_addr="203.0.113.9"
    )
    for model, pk in ((Inquiry, old.pk), (Comment, comment.pk), (SessionQuestion, question.pk)):
        _age(model, pk, 400)
    _age(PageRating, rating.pk, 200)
    _age(LogEntry, entry.pk, 100, field="timestamp")
    return {"old": old, "recent": recent, "comment": comment, "question": question,
            "rating": rating, "entry": entry}  # fmt: skip


def test_expired_question_is_anonymised_and_keeps_its_published_answer(citizens_data):
    old, recent = citizens_data["old"], citizens_data["recent"]
    attachment = Path(old.attachment.path)
    done = retention.purge()
    assert done["questions"] == 1
    old.refresh_from_db()
    assert (old.name, old.email, old.phone, old.attachment.name) == (
        retention.ANONYMOUS,
        "",
        "",
        "",
    )
    assert not attachment.exists()
    assert old.status == InquiryStatus.PUBLISHED and old.answer == "Hồ sơ nộp tại Bộ phận Một cửa."
    assert old.title and old.content  # what was published stays
    recent.refresh_from_db()
    assert recent.email == "lan@example.com"  # within its period: untouched


def test_every_kind_past_its_period_loses_who_sent_it(citizens_data):
    file = Path(citizens_data["comment"].attachment.path)
    done = retention.purge()
    assert done == {
        "questions": 1,
        "comments": 1,
        "session_questions": 1,
        "ratings": 1,
        "survey_answers": 0,
        "audit_ip": 1,
    }
    comment = Comment.objects.get(pk=citizens_data["comment"].pk)
    assert (comment.name, comment.email, comment.organisation) == (retention.ANONYMOUS, "", "")
    assert not comment.attachment and not file.exists() and comment.body
    question = SessionQuestion.objects.get(pk=citizens_data["question"].pk)
    assert (question.name, question.email, question.locality) == (retention.ANONYMOUS, "", "")
    rating = PageRating.objects.get(pk=citizens_data["rating"].pk)
    assert rating.comment == "" and rating.useful is False  # the statistic stays
    assert LogEntry.objects.get(pk=citizens_data["entry"].pk).remote_addr is None
    assert set(retention.purge().values()) == {0}  # nothing left: idempotent


def test_dry_run_counts_and_changes_nothing(citizens_data, capsys):
    call_command("purge_personal_data", dry_run=True)
    out = capsys.readouterr().out
    assert "questions: 1" in out and "dry run" in out
    old = Inquiry.objects.get(pk=citizens_data["old"].pk)
    assert old.email == "lan@example.com" and old.attachment


def test_nightly_task_purges(citizens_data):
    assert purge_personal_data()["questions"] == 1
    assert Inquiry.objects.get(pk=citizens_data["old"].pk).email == ""
