"""Moderation of a dialogue session's questions: accept, merge, decline, answer.

Moderators are the editors of the session's site. The admin's forms and actions call
these functions; none re-implements a rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.rules import RuleError
from tenants.access import EDITING_ROLES, has_role

from .models import DialogueSession, SessionQuestion
from .models import SessionQuestionStatus as Q

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class ModerationError(RuleError):
    """Shown to the moderator as is."""


def _require(by, question: SessionQuestion) -> None:
    if not has_role(by, question.session.tenant_id, EDITING_ROLES):
        raise ModerationError(_("Chỉ cán bộ của trang tổ chức mới được kiểm duyệt câu hỏi."))


def ask(session: DialogueSession, question: SessionQuestion) -> SessionQuestion:
    """Store a citizen's question to `session`, waiting for moderation. The caller has
    checked `session.accepts_questions()` (the page answers 409 otherwise)."""
    question.session, question.status = session, Q.PENDING
    question.save()
    return question


def check_merge(question: SessionQuestion, into: SessionQuestion | None) -> None:
    if into is None:
        raise ModerationError(_("Chọn câu hỏi để gộp vào."))
    if into.pk == question.pk or into.session_id != question.session_id:
        raise ModerationError(_("Chỉ gộp được vào một câu hỏi khác của cùng phiên."))
    if into.status != Q.ACCEPTED:
        raise ModerationError(_("Chỉ gộp được vào câu hỏi đã được nhận."))


def _save(question: SessionQuestion, by) -> SessionQuestion:
    with transaction.atomic(), set_actor(by):
        question.save()
    return question


def accept(question: SessionQuestion, *, by: User) -> SessionQuestion:
    _require(by, question)
    question.status, question.merged_into = Q.ACCEPTED, None
    return _save(question, by)


def decline(question: SessionQuestion, *, by: User) -> SessionQuestion:
    _require(by, question)
    question.status, question.merged_into = Q.DECLINED, None
    return _save(question, by)


def merge(question: SessionQuestion, into: SessionQuestion, *, by: User) -> SessionQuestion:
    _require(by, question)
    check_merge(question, into)
    question.status, question.merged_into = Q.MERGED, into
    return _save(question, by)


def answer(question: SessionQuestion, text: str, *, leader: str, by: User) -> SessionQuestion:
    """Publish a leader's answer: it appears on the session page at once (live polling)."""
    _require(by, question)
    if question.status != Q.ACCEPTED:
        raise ModerationError(_("Chỉ trả lời câu hỏi đã được nhận."))
    if not text.strip():
        raise ModerationError(_("Vui lòng nhập nội dung trả lời."))
    question.answer, question.answered_by = text.strip(), leader.strip()
    question.answered_at = question.answered_at or timezone.now()
    return _save(question, by)


def public_questions(session: DialogueSession) -> list[SessionQuestion]:
    """Accepted questions with the ones merged into them, in one query pair."""
    accepted = list(
        session.questions.filter(status=Q.ACCEPTED)
        .prefetch_related("merged")
        .order_by("created_at", "id")
    )
    return accepted


def answered_since(session: DialogueSession, since) -> list[SessionQuestion]:
    questions = session.questions.filter(status=Q.ACCEPTED, answered_at__isnull=False)
    if since is not None:
        questions = questions.filter(answered_at__gt=since)
    return list(questions.order_by("answered_at", "id"))
