"""Public pages: the satisfaction survey, page ratings (every page), polls."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal import ratelimits
from portal.client_address import client_address
from portal.languages import untranslated

from . import answers
from .forms import PageRatingForm, PollVoteForm, SatisfactionForm
from .models import Poll
from .results import poll_results


@require_http_methods(["GET", "HEAD", "POST"])
def survey(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = SatisfactionForm(request.POST, request=request)
        if ratelimits.over_limit(request, "surveys:survey"):
            messages.error(request, ratelimits.MESSAGE)
            status = ratelimits.STATUS
        elif form.is_valid():
            response = form.save(commit=False)
            address = client_address(request)
            if answers.answer_survey(response, tenant=request.tenant, address=address):
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
    if ratelimits.over_limit(request, "surveys:rate_page"):
        messages.error(request, ratelimits.MESSAGE)
        context = {"form": form}
        return render(request, "surveys/rating_error.html", context, status=ratelimits.STATUS)
    stored = answers.rate_page(
        tenant=request.tenant,
        path=path,
        useful=form.cleaned_data["useful"],
        comment=form.cleaned_data["comment"],
        address=client_address(request),
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
        elif ratelimits.over_limit(request, "surveys:poll"):
            messages.error(request, ratelimits.MESSAGE)
            status = ratelimits.STATUS
        else:
            form = PollVoteForm(request.POST, request=request, poll=poll)
            if form.is_valid():
                option = poll.options.filter(pk=form.cleaned_data["option"]).first()
                if option is None:
                    raise Http404
                if answers.vote(poll, option, address=client_address(request)):
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
