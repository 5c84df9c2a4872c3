"""Public pages: visit statistics and the list of information that must be disclosed."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import charts, visits
from .disclosure_list import disclosure_items


@require_safe
def statistics(request: HttpRequest) -> HttpResponse:
    """Thống kê truy cập: today / month / total, top pages and a 30-day chart."""
    tenant_id, serving = request.tenant.pk, visits.will_count(request)
    series = visits.daily_series(tenant_id, 30, serving=serving)
    labels = [day.strftime("%d/%m") for day, _views in series]
    chart = charts.bar_chart(
        _("Lượt xem mỗi ngày trong 30 ngày qua"), labels, [views for _day, views in series]
    )
    return render(
        request,
        "compliance/statistics.html",
        {
            "summary": visits.summary(tenant_id, allow_query=True, serving=serving),
            "top_pages": visits.top_pages(tenant_id),
            "series": series,
            "chart": chart,
        },
    )


@require_safe
def disclosure_list(request: HttpRequest) -> HttpResponse:
    """Danh mục thông tin phải công khai (REQUIREMENTS B17), from configuration and data."""
    return render(
        request, "compliance/disclosure_list.html", {"items": disclosure_items(request.tenant)}
    )
