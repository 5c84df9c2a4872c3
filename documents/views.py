"""Public pages: thin, scoped by request.tenant, rules in selectors/verification."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from citizens.accounts import current_citizen
from portal import ratelimits

from . import citizen_data, consultations, listing_cache, selectors
from .forms import CommentForm, VerifyForm
from .models import CommentStatus, Consultation
from .verification import MAX_VERIFY_BYTES, verify_document, verify_pdf_bytes

CURSORS = ("sau", "truoc")


def _list(request: HttpRequest, queryset: QuerySet, *, subtree: bool) -> HttpResponse:
    filters = request.GET.copy()
    for key in CURSORS:
        filters.pop(key, None)
    # Unbound without filters: its HTML is then the same for everyone and is cached.
    form = selectors.FilterForm(filters or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    queryset = selectors.filter_documents(queryset.in_language("summary"), data)
    queryset = queryset.select_related("doc_type", "tenant")
    page = selectors.keyset_page(
        queryset,
        after=request.GET.get("sau", ""),
        before=request.GET.get("truoc", ""),
        newest_first=data.get("sort") != "old",
    )
    query_string = filters.urlencode()
    context = {
        "form": form,
        "page": page,
        "subtree": subtree,
        "query_string": query_string,
        "form_cache_key": "" if form.is_bound else listing_cache.filter_form_key(subtree),
        "table_cache_key": listing_cache.table_key(page, subtree, query_string),
    }
    return render(request, "documents/list.html", context)


@require_safe
def document_list(request: HttpRequest) -> HttpResponse:
    return _list(request, selectors.published_documents(request.tenant), subtree=False)


@require_safe
def document_list_subtree(request: HttpRequest) -> HttpResponse:
    """The province (or any parent) lists its own and its component sites' documents."""
    return _list(request, selectors.subtree_documents(request.tenant), subtree=True)


@require_safe
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        selectors.readable_documents(request.tenant).select_related("doc_type", "field", "tenant"),
        pk=pk,
    )
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "attachments": list(document.attachments.all()),
            "related": selectors.related_documents(document, request.tenant),
            "verification": verify_document(document),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    report, form, status, page_error = None, VerifyForm(), 200, ""
    if request.method == "POST":
        # Refuse an oversized body before Django spools it to disk.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django refuses a malformed length itself when reading the body
        if length > MAX_VERIFY_BYTES + 64 * 1024:
            page_error = _("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": 20}
            status = 413
        elif ratelimits.over_limit(request, "documents:verify"):
            page_error, status = ratelimits.MESSAGE, ratelimits.STATUS
        else:
            form = VerifyForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                upload.seek(0)
                report = verify_pdf_bytes(upload.read())
            else:
                status = 400
    context = {"form": form, "report": report, "page_error": page_error}
    return render(request, "documents/verify.html", context, status=status)


@require_safe
def consultation_list(request: HttpRequest) -> HttpResponse:
    consultations = selectors.published_consultations(request.tenant).in_language()
    consultations = consultations.annotate(
        comment_count=Count("comments", filter=~Q(comments__status=CommentStatus.REJECTED))
    ).order_by("-opens_at", "-id")[:100]
    return render(
        request,
        "documents/consultation_list.html",
        {"consultations": consultations, "now": timezone.now()},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(
        selectors.published_consultations(request.tenant).select_related("document"), pk=pk
    )
    now = timezone.now()
    form, status = None, 200
    citizen = current_citizen(request)
    if consultation.is_open(now):
        initial = citizen_data.initial_contact(citizen)
        form = CommentForm(request=request, initial=initial)
        if request.method == "POST":
            form = CommentForm(request.POST, request.FILES, request=request, initial=initial)
        citizen_data.lock_verified_name(form, citizen)
        if request.method == "POST":
            if ratelimits.over_limit(request, "documents:consultation"):
                form.add_error(None, ratelimits.MESSAGE)
                status = ratelimits.STATUS
            elif form.is_valid():
                comment = form.save(commit=False)
                consultations.receive_comment(consultation, comment, citizen=citizen)
                messages.success(
                    request,
                    _("Cảm ơn bạn đã góp ý. Ý kiến sẽ được công khai sau khi kiểm duyệt."),
                )
                return redirect(consultation.get_absolute_url())
    elif request.method == "POST":
        status = 403  # the window is closed (or not open yet): nothing is stored
    comments = consultation.comments.exclude(status=CommentStatus.REJECTED)
    response = render(
        request,
        "documents/consultation_detail.html",
        {
            "consultation": consultation,
            "form": form,
            "citizen": citizen,
            "window_message": "" if form else _closed_message(consultation, now),
            "comment_count": comments.count(),
            "public_comments": list(comments.filter(status=CommentStatus.APPROVED)[:200]),
            "show_report": consultation.is_closed(now),
        },
        status=400 if status == 200 and form is not None and form.is_bound else status,
    )
    if citizen is not None:
        add_never_cache_headers(response)  # personal data: never in a shared cache
    return response


def _closed_message(consultation: Consultation, now: datetime) -> str:
    if now < consultation.opens_at:
        return _("Dự thảo chưa đến thời gian nhận ý kiến (bắt đầu %(date)s).") % {
            "date": timezone.localtime(consultation.opens_at).strftime("%d/%m/%Y %H:%M")
        }
    return _("Đã hết thời gian nhận ý kiến (kết thúc %(date)s).") % {
        "date": timezone.localtime(consultation.closes_at).strftime("%d/%m/%Y %H:%M")
    }
