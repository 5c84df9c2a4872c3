"""Public pages: the satisfaction survey, page ratings (every page), polls."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.antiabuse import daily_visitor_hash, rate_limited
from portal.languages import untranslated

from .forms import PageRatingForm, PollVoteForm, SatisfactionForm
from .models import PageRating, Poll, PollVote, SatisfactionResponse
from .results import poll_results

SURVEY_LIMIT = (10, 3600)
RATING_LIMIT = (30, 3600)
VOTE_LIMIT = (20, 3600)


def _flood(request: HttpRequest) -> None:
    messages.error(
        request, _("Bạn đã gửi quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau.")
    )


def _store_once(model, **fields) -> bool:
    """Create the row unless this browser already answered today (the unique constraint)."""
    try:
        with transaction.atomic():
            model.objects.create(**fields)
    except IntegrityError:
        return False
    return True


def _save_once(response: SatisfactionResponse) -> bool:
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        return False
    return True


@require_http_methods(["GET", "HEAD", "POST"])
def survey(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = SatisfactionForm(request.POST, request=request)
        if rate_limited(request, "survey", *SURVEY_LIMIT):
            _flood(request)
            status = 429
        elif form.is_valid():
            visitor = daily_visitor_hash(request, f"survey:{request.tenant.pk}")
            response = form.save(commit=False)
            response.tenant, response.visitor_hash = request.tenant, visitor
            if _save_once(response):
                messages.success(request, _("Cảm ơn bạn đã tham gia khảo sát."))
            else:
                messages.info(request, _("Bạn đã gửi phiếu khảo sát hôm nay. Xin cảm ơn!"))
            return redirect("surveys:thanks")
        else:
            status = 400
    else:
        form = SatisfactionForm(request=request)
    return render(request, "surveys/survey.html", {"form": form}, status=status)


@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html")


@csrf_exempt  # the block sits on every (cached) page; a forged rating is just a rating
@require_POST
def rate_page(request: HttpRequest) -> HttpResponse:
    form = PageRatingForm(request.POST)
    if not form.is_valid():
        return render(request, "surveys/rating_error.html", {"form": form}, status=400)
    path = form.cleaned_data["path"]
    back = path if url_has_allowed_host_and_scheme(path, allowed_hosts=None) else "/"
    if form.cleaned_data["website"]:
        return render(request, "surveys/rating_error.html", {"form": form}, status=400)
    if rate_limited(request, "page-rating", *RATING_LIMIT):
        _flood(request)
        return render(request, "surveys/rating_error.html", {"form": form}, status=429)
    stored = _store_once(
        PageRating,
        tenant=request.tenant,
        path=path,
        useful=form.cleaned_data["useful"],
        comment=form.cleaned_data["comment"].strip(),
        visitor_hash=daily_visitor_hash(request, f"rating:{request.tenant.pk}"),
    )
    if stored:
        messages.success(request, _("Cảm ơn bạn đã đánh giá thông tin trên trang."))
    else:
        messages.info(request, _("Bạn đã đánh giá trang này hôm nay. Xin cảm ơn!"))
    return redirect(back)


def _polls(request: HttpRequest, any_language: bool = False):
    # `any_language` for the detail page: the language switch of a Vietnamese-only poll
    # leads to its English URL, which shows it with a notice instead of a 404.
    polls = Poll.objects.for_tenant(request.tenant).visible().prefetch_related("options")
    return polls.in_language("question", any_language=any_language)


@require_safe
def poll_list(request: HttpRequest) -> HttpResponse:
    polls = list(_polls(request)[:20])
    return render(request, "surveys/poll_list.html", {"polls": polls})


@require_http_methods(["GET", "HEAD", "POST"])
def poll_detail(request: HttpRequest, pk: int) -> HttpResponse:
    poll = get_object_or_404(_polls(request, any_language=True), pk=pk)
    status, form = 200, None
    if request.method == "POST":
        if not poll.is_open():
            messages.error(request, _("Cuộc thăm dò đã kết thúc, không nhận thêm ý kiến."))
            status = 409
        elif rate_limited(request, "poll", *VOTE_LIMIT):
            _flood(request)
            status = 429
        else:
            form = PollVoteForm(request.POST, request=request, poll=poll)
            if form.is_valid():
                option = poll.options.filter(pk=form.cleaned_data["option"]).first()
                if option is None:
                    raise Http404
                visitor = daily_visitor_hash(request, f"poll:{poll.pk}")
                if _store_once(PollVote, poll=poll, option=option, visitor_hash=visitor):
                    messages.success(request, _("Cảm ơn bạn đã cho ý kiến."))
                else:
                    messages.info(request, _("Bạn đã cho ý kiến về câu hỏi này hôm nay."))
                return redirect("surveys:poll", pk=poll.pk)
            status = 400
    if form is None and poll.is_open():
        form = PollVoteForm(request=request, poll=poll)
    total, results = poll_results(poll)
    context = {
        "poll": poll,
        "form": form,
        "total": total,
        "results": results,
        "untranslated": untranslated(poll, "question"),
    }
    return render(request, "surveys/poll_detail.html", context, status=status)
