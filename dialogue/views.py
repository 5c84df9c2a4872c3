"""Public pages: ask, track, the Q&A archive, dialogue sessions (live) and hotlines."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from citizens.accounts import current_citizen
from portal import ratelimits
from portal.files import StorageFullError
from portal.languages import untranslated
from portal.outage import requires_database

from . import citizen_data, selectors, sessions, workflow
from .forms import InquiryForm, SessionQuestionForm, TrackingForm
from .models import DialogueSession, Hotline, Inquiry, InquiryKind

LAST_CODE_KEY = "dialogue:last-code"


def _storage_full(request: HttpRequest) -> str:
    return _(
        "Máy chủ tạm thời hết chỗ lưu tệp đính kèm nên câu hỏi chưa được gửi. Nội dung bạn nhập "
        "vẫn còn dưới đây: hãy gửi lại không kèm tệp hoặc thử lại sau."
    )


@require_http_methods(["GET", "HEAD", "POST"])
@requires_database
def ask(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("loai")
    initial = {"kind": kind} if kind in InquiryKind.values else {}
    citizen = current_citizen(request)
    initial.update(citizen_data.initial_contact(citizen))
    status = 200
    if request.method == "POST":
        form = InquiryForm(request.POST, request.FILES, request=request, initial=initial)
        citizen_data.lock_verified_name(form, citizen)
        if ratelimits.over_limit(request, "dialogue:ask"):
            messages.error(request, ratelimits.MESSAGE)
            status = ratelimits.STATUS
        elif form.is_valid():
            inquiry = form.save(commit=False)
            inquiry.tenant = request.tenant
            inquiry.citizen = citizen
            try:
                workflow.receive(inquiry)
            except StorageFullError:
                form.add_error("attachment", _storage_full(request))
                status = 507
            else:
                request.session[LAST_CODE_KEY] = inquiry.tracking_code
                return redirect("dialogue:sent")
        else:
            status = 400
    else:
        form = InquiryForm(initial=initial, request=request)
        citizen_data.lock_verified_name(form, citizen)
    context = {"form": form, "citizen": citizen}
    response = render(request, "dialogue/ask.html", context, status=status)
    if citizen is not None:
        add_never_cache_headers(response)  # personal data: never in a shared cache
    return response


@never_cache
@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    code = request.session.get(LAST_CODE_KEY)
    if not code:
        return redirect("dialogue:ask")
    return render(request, "dialogue/sent.html", {"code": code})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    inquiry, status, not_found = None, 200, False
    if request.method == "POST":
        form = TrackingForm(request.POST)
        if ratelimits.over_limit(request, "dialogue:track"):
            messages.error(request, ratelimits.MESSAGE)
            status = ratelimits.STATUS
        elif form.is_valid():
            inquiry = (
                Inquiry.objects.for_tenant(request.tenant)
                .select_related("assigned_tenant")
                .filter(tracking_code=form.cleaned_data["code"])
                .first()
            )
            if inquiry is None:
                not_found, status = True, 404
        else:
            status = 400
    else:
        form = TrackingForm()
    context = {"form": form, "inquiry": inquiry, "not_found": not_found}
    return render(request, "dialogue/track.html", context, status=status)


@require_safe
def archive(request: HttpRequest) -> HttpResponse:
    page = selectors.published_page(request.tenant, request.GET.get("truoc", ""))
    return render(
        request, "dialogue/archive.html", {"page": page.items, "next_cursor": page.next_cursor}
    )


@require_safe
def qa_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inquiry = get_object_or_404(
        Inquiry.objects.for_tenant(request.tenant)
        .published()
        .select_related("assigned_tenant")
        .only(*selectors.PUBLIC_FIELDS),
        pk=pk,
    )
    return render(request, "dialogue/qa_detail.html", {"inquiry": inquiry})


@require_safe
def session_list(request: HttpRequest) -> HttpResponse:
    items = selectors.sessions_for(request.tenant)
    now = timezone.now()
    upcoming = [s for s in items if s.phase(now) != "finished"]
    finished = [s for s in items if s.phase(now) == "finished"]
    return render(
        request, "dialogue/session_list.html", {"upcoming": upcoming, "finished": finished}
    )


def _session(request: HttpRequest, slug: str) -> DialogueSession:
    # A Vietnamese-only session stays reachable in English (the language switch leads
    # here): the page shows it in Vietnamese with a notice instead of a 404.
    return get_object_or_404(DialogueSession.objects.for_tenant(request.tenant).public(), slug=slug)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def session_detail(request: HttpRequest, slug: str) -> HttpResponse:
    session = _session(request, slug)
    now = timezone.now()
    status, form = 200, None
    if request.method == "POST":
        if not session.accepts_questions(now):
            messages.error(request, _("Phiên đối thoại đã kết thúc, không nhận thêm câu hỏi."))
            status = 409
        elif ratelimits.over_limit(request, "dialogue:session"):
            messages.error(request, ratelimits.MESSAGE)
            status = ratelimits.STATUS
            form = SessionQuestionForm(request.POST, request=request)
        else:
            form = SessionQuestionForm(request.POST, request=request)
            if form.is_valid():
                sessions.ask(session, form.save(commit=False))
                messages.success(
                    request, _("Đã gửi câu hỏi. Câu hỏi sẽ hiển thị sau khi được kiểm duyệt.")
                )
                return redirect("dialogue:session", slug=session.slug)
            status = 400
    if form is None and session.accepts_questions(now):
        form = SessionQuestionForm(request=request)
    questions = sessions.public_questions(session)
    context = {
        "session": session,
        "phase": session.phase(now),
        "form": form,
        "questions": questions,
        "now": now.isoformat(),
        "untranslated": untranslated(session),
    }
    return render(request, "dialogue/session_detail.html", context, status=status)


@never_cache
@require_safe
def session_updates(request: HttpRequest, slug: str) -> JsonResponse:
    """Answers given since `since` (ISO time): the session page polls this while live."""
    session = _session(request, slug)
    since: datetime | None = parse_datetime(request.GET.get("since", "") or "")
    questions = sessions.answered_since(session, since)
    return JsonResponse(
        {
            "phase": session.phase(),
            "now": timezone.now().isoformat(),
            "answers": [
                {
                    "id": q.pk,
                    "name": q.name,
                    "locality": q.locality,
                    "content": q.content,
                    "answer": q.answer,
                    "answered_by": q.answered_by,
                    "answered_at": q.answered_at.isoformat(),
                }
                for q in questions
            ],
        }
    )


@require_safe
def hotlines(request: HttpRequest) -> HttpResponse:
    items = list(Hotline.objects.for_tenant(request.tenant))
    return render(request, "dialogue/hotlines.html", {"hotlines": items})
