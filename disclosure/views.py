"""Public pages of the disclosure sections: thin, scoped by request.tenant's subtree."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from portal.context_processors import request_origin_suffix
from portal.languages import untranslated
from tenants.site import primary_hostnames

from . import selectors, tables
from .charts import charts_by_unit, render_svg
from .legal_links import reference_url
from .models import SECTION_BY_PATH, SECTION_PATHS, Record, Section
from .timeliness import timeliness

INTROS = {
    Section.PLANNING: _(
        "Chiến lược, quy hoạch, kế hoạch sử dụng đất, chương trình và kế hoạch hằng năm: "
        "quyết định phê duyệt, thời kỳ, tóm tắt, tài liệu và bản đồ."
    ),
    Section.BUDGET: _(
        "Dự toán, báo cáo thực hiện quý, 6 tháng và quyết toán ngân sách theo từng năm."
    ),
    Section.INVESTMENT: _(
        "Dự án đầu tư công: tổng mức đầu tư, vốn đã giải ngân, tiến độ, chủ đầu tư, "
        "thông báo và kết quả lựa chọn nhà thầu."
    ),
    Section.STATISTICS: _("Bộ số liệu thống kê của ngành: xem dạng bảng, biểu đồ, tải CSV/XLSX."),
    Section.RECRUITMENT: _("Thông báo tuyển dụng công chức, viên chức: chỉ tiêu, hạn, kết quả."),
    Section.ANTICORRUPTION: _("Thông tin công khai về phòng, chống tham nhũng, tiêu cực."),
    Section.SCIENCE: _("Chương trình, đề tài, dự án khoa học và công nghệ cùng kết quả."),
    Section.LAND: _(
        "Bảng giá đất, quyết định thu hồi đất, phương án bồi thường, hỗ trợ, tái định cư."
    ),
}


def _section(path: str) -> tuple[str, str]:
    section = SECTION_BY_PATH.get(path)
    if section is None:
        raise Http404
    return section, Section(section).label


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    sections = [
        {"label": Section(key).label, "path": path, "intro": INTROS[key]}
        for key, path in SECTION_PATHS.items()
    ]
    return render(request, "disclosure/index.html", {"sections": sections})


@require_safe
def section_list(request: HttpRequest, section: str) -> HttpResponse:
    key, label = _section(section)
    tenant = request.tenant
    units = selectors.subtree_units(tenant)
    filters = selectors.Filters.from_query(request.GET, key, units)
    page = selectors.paginate(
        filters.apply(selectors.public_records(tenant, key)), request.GET.get("sau")
    )
    charts = []
    if key == Section.BUDGET and page.is_first:
        trend = selectors.budget_trend(tenant)
        if trend:
            chart, table = trend
            charts.append(
                {
                    "svg": render_svg(chart, "chart-trend"),
                    "chart": chart,
                    "id": "chart-trend",
                    "rows": table,
                }
            )
    if key == Section.INVESTMENT and units and page.is_first:
        rows = selectors.disbursement_by_unit(tenant)
        if rows:
            chart = selectors.disbursement_chart(rows)
            charts.append(
                {
                    "svg": render_svg(chart, "chart-units"),
                    "chart": chart,
                    "id": "chart-units",
                    "units": rows,
                }
            )
    query = request.GET.copy()
    query.pop("sau", None)
    return render(
        request,
        "disclosure/list.html",
        {
            "section": key,
            "section_label": label,
            "section_path": section,
            "intro": INTROS[key],
            "page": page,
            "filters": filters,
            "choices": selectors.filter_choices(tenant, key),
            "units": units,
            "charts": charts,
            "query": query.urlencode(),
            "show_unit": bool(units),
        },
    )


def _load(request: HttpRequest, section: str, pk: str) -> tuple[Record, str]:
    key, label = _section(section)
    record = selectors.record_detail(request.tenant, key, int(pk))
    if record is None:
        raise Http404
    return record, label


@require_safe
def detail(request: HttpRequest, section: str, pk: str, slug: str) -> HttpResponse:
    record, label = _load(request, section, pk)
    if slug != record.slug:
        return HttpResponsePermanentRedirect(record.get_absolute_url())
    rows = list(record.rows.all())
    charts = []
    if rows and record.table_columns:
        unit = getattr(getattr(record, "dataset", None), "unit", "")
        for index, data in enumerate(
            charts_by_unit(record.title, record.table_columns, rows, unit)
        ):
            if data.has_data:
                svg = render_svg(data, f"chart-record-{index}", table_id="chart-record-table")
                charts.append({"svg": svg, "chart": data})
    canonical = None
    if record.tenant_id != request.tenant.pk:
        # Shown here as part of the subtree; the publishing unit's own site is the original.
        host = primary_hostnames([record.tenant_id]).get(record.tenant_id)
        if host:
            canonical = f"{request.scheme}://{host}{request_origin_suffix(request)}{request.path}"
    return render(
        request,
        "disclosure/detail.html",
        {
            "record": record,
            "section_label": label,
            "section_path": section,
            "rows": rows,
            "charts": charts,
            "attachments": list(record.attachments.all()),
            "reference_url": reference_url(record),
            "timeliness": timeliness(record),
            "canonical": canonical,
            "untranslated": untranslated(record),
        },
    )


@require_safe
def export(request: HttpRequest, section: str, pk: str, slug: str, fmt: str) -> HttpResponse:
    record, _label = _load(request, section, pk)
    rows = list(record.rows.all())
    if not rows:
        raise Http404
    filename = f"{record.slug or 'du-lieu'}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(tables.export_csv(record, rows), content_type="text/csv")
    else:
        response = HttpResponse(
            tables.export_xlsx(record, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
