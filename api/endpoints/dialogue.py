"""Published questions and answers, online dialogue sessions and hotlines.

No personal data: a citizen's name, e-mail, phone, address, attachment and tracking code
never leave through the API (session questions keep only the commune they came from)."""

from datetime import date, datetime

from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Schema

from dialogue.models import (
    DialogueSession,
    Hotline,
    Inquiry,
    SessionQuestion,
    SessionQuestionStatus,
)

from .. import keyset
from ..answers import respond, strict
from .common import (
    Lang,
    Links,
    Scope,
    SiteRef,
    cursor_param,
    detail_or_404,
    limit_param,
    list_answer,
    scoped,
    since,
    site_ref,
)

router = Router(tags=["dialogue"])


class QuestionOut(Schema):
    id: int
    site: SiteRef
    kind: str
    topic: str
    title: str
    question: str
    answer: str
    answered_by: str
    received_on: date
    answered_at: datetime | None
    published_at: datetime
    updated_at: datetime
    url: str


class QuestionPage(Schema):
    items: list[QuestionOut]
    next_cursor: str | None
    next: str | None


def _question(item: Inquiry, links: Links) -> dict:
    return {
        "id": item.pk,
        "site": site_ref(item.tenant),
        "kind": item.kind,
        "topic": item.topic,
        "title": item.title,
        "question": item.content,
        "answer": item.answer,
        "answered_by": item.answer_author,
        "received_on": item.received_on,
        "answered_at": item.answered_at,
        "published_at": item.published_at,
        "updated_at": item.updated_at,
        "url": links.page(item.tenant_id, reverse("dialogue:detail", args=[item.pk])),
    }


PUBLIC_INQUIRY_FIELDS = (
    "id", "tenant", "kind", "topic", "title", "content", "answer", "answer_author",
    "received_on", "answered_at", "published_at", "updated_at",
)  # fmt: skip


def _questions(request: HttpRequest, scope: str):
    queryset = scoped(Inquiry.objects.published(), request, scope)
    return queryset.select_related("tenant").only(
        *PUBLIC_INQUIRY_FIELDS, *(f"tenant__{f}" for f in ("slug", "name_vi", "name_en"))
    )


@router.get("/questions", response=QuestionPage, summary="Published questions and answers")
@strict
def list_questions(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "site",
    topic: str | None = Query(None, max_length=40),
    year: int | None = Query(None, ge=1900, le=2100),
    updated_since: datetime | None = None,
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    queryset = since(_questions(request, scope), updated_since)
    if topic:
        queryset = queryset.filter(topic=topic)
    if year:
        queryset = queryset.filter(published_at__year=year)
    return list_answer(
        request,
        QuestionPage,
        queryset,
        keyset.Order(("-published_at", "-id")),
        cursor,
        limit,
        lambda items, links: [_question(q, links) for q in items],
    )


@router.get("/questions/{question_id}", response=QuestionOut, summary="One published answer")
@strict
def get_question(request: HttpRequest, question_id: int, lang: Lang = "vi", scope: Scope = "site"):
    item = detail_or_404(_questions(request, scope), pk=min(question_id, 2**62))
    data = _question(item, Links(request, [item.tenant_id]))
    return respond(request, QuestionOut, data, last_modified=item.updated_at)


# --- dialogue sessions ----------------------------------------------------------------
class SessionQuestionOut(Schema):
    id: int
    locality: str
    question: str
    answer: str
    answered_by: str
    answered_at: datetime | None
    same_question_count: int


class SessionOut(Schema):
    id: int
    site: SiteRef
    slug: str
    title: str
    description: str
    leaders: str
    starts_at: datetime
    ends_at: datetime
    url: str


class SessionDetail(SessionOut):
    questions: list[SessionQuestionOut]


class SessionPage(Schema):
    items: list[SessionOut]
    next_cursor: str | None
    next: str | None


def _session(item: DialogueSession, links: Links) -> dict:
    return {
        "id": item.pk,
        "site": site_ref(item.tenant),
        "slug": item.slug,
        "title": item.title,
        "description": item.description or "",
        "leaders": item.leaders or "",
        "starts_at": item.starts_at,
        "ends_at": item.ends_at,
        "url": links.page(item.tenant_id, reverse("dialogue:session", args=[item.slug])),
    }


def _sessions(request: HttpRequest, scope: str):
    queryset = scoped(DialogueSession.objects.public(), request, scope).select_related("tenant")
    return queryset.in_language()


@router.get("/dialogue-sessions", response=SessionPage, summary="Online dialogue sessions")
@strict
def list_sessions(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "site",
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    return list_answer(
        request,
        SessionPage,
        _sessions(request, scope),
        keyset.Order(("-starts_at", "-id")),
        cursor,
        limit,
        lambda items, links: [_session(s, links) for s in items],
        modified=lambda item: None,
    )


@router.get(
    "/dialogue-sessions/{session_id}",
    response=SessionDetail,
    summary="One session with its accepted questions and answers",
)
@strict
def get_session(request: HttpRequest, session_id: int, lang: Lang = "vi", scope: Scope = "site"):
    accepted = SessionQuestion.objects.filter(status=SessionQuestionStatus.ACCEPTED)
    queryset = _sessions(request, scope).prefetch_related(
        Prefetch(
            "questions",
            queryset=accepted.prefetch_related("merged").order_by("created_at", "id"),
            to_attr="accepted_questions",
        )
    )
    session = detail_or_404(queryset, pk=min(session_id, 2**62))
    data = _session(session, Links(request, [session.tenant_id])) | {
        "questions": [
            {
                "id": q.pk,
                "locality": q.locality,
                "question": q.content,
                "answer": q.answer if q.answered_at else "",
                "answered_by": q.answered_by if q.answered_at else "",
                "answered_at": q.answered_at,
                "same_question_count": len(q.merged.all()),
            }
            for q in session.accepted_questions
        ]
    }
    moments = [q.answered_at for q in session.accepted_questions if q.answered_at]
    modified = max([session.created_at, *moments])
    return respond(request, SessionDetail, data, last_modified=min(modified, timezone.now()))


# --- hotlines -------------------------------------------------------------------------
class HotlineOut(Schema):
    id: int
    site: SiteRef
    purpose: str
    number: str
    hours: str
    is_main: bool


class HotlinePage(Schema):
    items: list[HotlineOut]
    next_cursor: str | None
    next: str | None


@router.get("/hotlines", response=HotlinePage, summary="Hotlines (đường dây nóng)")
@strict
def list_hotlines(
    request: HttpRequest,
    lang: Lang = "vi",
    scope: Scope = "site",
    cursor: str | None = cursor_param(),
    limit: int = limit_param(),
):
    return list_answer(
        request,
        HotlinePage,
        scoped(Hotline.objects.all(), request, scope).select_related("tenant"),
        keyset.Order(("id",)),
        cursor,
        limit,
        lambda items, links: [
            {
                "id": h.pk,
                "site": site_ref(h.tenant),
                "purpose": h.purpose,
                "number": h.number,
                "hours": h.hours or "",
                "is_main": h.is_main,
            }
            for h in items
        ],
        modified=lambda item: None,
    )
