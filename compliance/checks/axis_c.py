"""Axis (c) of Decree 224 Art. 12(2): usage.

Visits come from this app's own counter (compliance.visits). The survey check reads
``surveys.results.results_by_site`` and reports "not measured" without the surveys app.
"""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.db.models import Count, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import CheckStatus, VisitDaily
from . import MODULE_MISSING, CheckContext, CheckResult, check, grade, not_measured
from .params import Kind, Param

DAYS = Param("days", Kind.INT, _("Số ngày gần nhất được xét"), default=30, min=1, max=366)


def _window(context: CheckContext) -> tuple:
    days = context.param("days")
    today = timezone.localdate(context.now)
    return today - timedelta(days=days), today, days


@check("visits_per_day", params=[DAYS])
def visits_per_day(context: CheckContext) -> CheckResult:
    """Average page views a day over the window (default 30 days)."""
    start, end, days = _window(context)
    totals = VisitDaily.objects.for_tenant(context.tenant).filter(day__gte=start, day__lt=end)
    figures = totals.aggregate(views=Sum("views"), days=Count("day", distinct=True))
    views = figures["views"] or 0
    average = views / days
    status = grade(
        average,
        context.threshold("threshold_pass", 50),
        context.threshold("threshold_partial", 5),
        higher_is_better=True,
    )
    return CheckResult(
        status,
        f"{views} lượt xem trong {days} ngày (trung bình {average:.1f}/ngày)",
        [{"from": start.isoformat(), "to": end.isoformat(), "views": views}],
        round(average, 2),
    )


@check("visits_active_days", params=[DAYS])
def visits_active_days(context: CheckContext) -> CheckResult:
    """Share of days in the window with at least one page view (the site is in use)."""
    start, end, days = _window(context)
    active = (
        VisitDaily.objects.for_tenant(context.tenant)
        .filter(day__gte=start, day__lt=end, views__gt=0)
        .values("day")
        .distinct()
        .count()
    )
    share = active / days * 100
    status = grade(
        share,
        context.threshold("threshold_pass", 90),
        context.threshold("threshold_partial", 50),
        higher_is_better=True,
    )
    return CheckResult(
        status,
        f"{active}/{days} ngày có lượt truy cập",
        [{"active_days": active, "days": days}],
        round(share, 1),
    )


@check("survey_answered", params=[DAYS])
def survey_answered(context: CheckContext) -> CheckResult:
    """A satisfaction survey is open and people answer it (Decree 224 Art. 10(3)(b)).

    The surveys app gives every site its survey page; the responses and page ratings of
    the window come from `surveys.results.results_by_site(tenants, start, end)`.
    """
    start, end, days = _window(context)
    if not apps.is_installed("surveys"):
        return not_measured(MODULE_MISSING, function="surveys.results.results_by_site")
    from surveys.results import results_by_site as function

    try:
        survey_url = reverse("surveys:survey")
    except NoReverseMatch:
        survey_url = ""
    row = function([context.tenant], start, end)[0]
    evidence = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "survey_url": survey_url,
        "responses": row.responses,
        "page_ratings": row.useful + row.not_useful,
        "useful_percent": row.useful_percent,
    }
    if not survey_url:
        return CheckResult(CheckStatus.FAIL, "Chưa mở khảo sát mức độ hài lòng", [evidence], 0)
    status = grade(
        row.responses,
        context.threshold("threshold_pass", 10),
        context.threshold("threshold_partial", 1),
        higher_is_better=True,
    )
    return CheckResult(
        status,
        f"{row.responses} phiếu khảo sát và {evidence['page_ratings']} lượt đánh giá trang "
        f"trong {days} ngày",
        [evidence],
        row.responses,
    )
