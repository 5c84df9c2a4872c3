"""Server-rendered SVG bar charts: no JavaScript, the data table beside them is the text
alternative, colours have at least 3:1 contrast on white (WCAG 1.4.11) and differ in
lightness so they also separate in greyscale print."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .tables import format_vn_number

# Dark blue, dark orange, dark green, purple, dark red: each ≥ 4.5:1 on white.
PALETTE = ("#1f4e79", "#9c4a00", "#2e6b30", "#5b2c6f", "#8b1a1a", "#33415c")


@dataclass(frozen=True)
class Chart:
    title: str
    categories: list[str]
    series: list[tuple[str, list[Decimal | None]]]
    unit: str = ""

    @property
    def has_data(self) -> bool:
        return any(v for _name, values in self.series for v in values)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rounded(value: Decimal) -> str:
    return format_vn_number(round(Decimal(value), 1))


def render_svg(chart: Chart, chart_id: str, table_id: str = "") -> SafeString:
    """Horizontal grouped bars; one group per category, one bar per series."""
    label_width, bar_area, bar_height, gap = 230, 340, 14, 10
    series_count = max(len(chart.series), 1)
    group_height = series_count * bar_height + gap
    legend_height = 20 * ((series_count + 2) // 3) if series_count > 1 else 0
    height = 30 + legend_height + group_height * len(chart.categories) + 10
    width = label_width + bar_area + 90
    values = [abs(Decimal(v)) for _n, vals in chart.series for v in vals if v is not None]
    top = max(values, default=Decimal(1)) or Decimal(1)
    described_by = table_id or f"{chart_id}-table"  # the data table is the text alternative
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="disclosure-chart" role="img" aria-labelledby="{chart_id}-title" '
        f'aria-describedby="{described_by}" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
    ]
    y = 20
    if series_count > 1:
        for index, (name, _values) in enumerate(chart.series):
            x = 10 + (index % 3) * 200
            row_y = y + (index // 3) * 20
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{x}" y="{row_y - 10}" width="12" height="12" fill="{colour}"/>'
                f'<text x="{x + 18}" y="{row_y}" font-size="12" fill="#1a1a1a">'
                f"{escape(_short(name, 30))}</text>"
            )
        y += legend_height
    for c_index, category in enumerate(chart.categories):
        group_y = y + c_index * group_height
        parts.append(
            f'<text x="{label_width - 6}" y="{group_y + group_height / 2}" font-size="12" '
            f'text-anchor="end" fill="#1a1a1a">{escape(_short(category, 34))}</text>'
        )
        for s_index, (_name, series_values) in enumerate(chart.series):
            value = series_values[c_index] if c_index < len(series_values) else None
            if value is None:
                continue
            length = float(abs(Decimal(value)) / top) * bar_area
            bar_y = group_y + s_index * bar_height
            colour = PALETTE[s_index % len(PALETTE)]
            parts.append(
                f'<rect x="{label_width}" y="{bar_y}" width="{length:.1f}" '
                f'height="{bar_height - 2}" fill="{colour}"/>'
                f'<text x="{label_width + length + 4:.1f}" y="{bar_y + bar_height - 4}" '
                f'font-size="11" fill="#1a1a1a">{_rounded(value)}</text>'
            )
    parts.append(
        f'<line x1="{label_width}" y1="{y - 4}" x2="{label_width}" y2="{height - 6}" '
        'stroke="#1a1a1a" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def table_chart(title: str, columns: list[str], rows, unit: str = "") -> Chart:
    """A record's figures table as a chart: categories are rows, series are columns."""
    rows = list(rows)[:30]
    series = []
    for index, column in enumerate(columns[: len(PALETTE)]):
        values = []
        for row in rows:
            raw = row.values[index] if index < len(row.values) else None
            values.append(Decimal(raw) if raw not in (None, "") else None)
        series.append((column, values))
    return Chart(title=title, categories=[row.label for row in rows], series=series, unit=unit)


def charts_by_unit(title: str, columns: list[str], rows, default_unit: str = "") -> list[Chart]:
    """One chart per unit of measure, so that schools and pupils (or hectares and
    tonnes) never share an axis; a table in one unit keeps its single chart."""
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row.unit or default_unit, []).append(row)
    several = len(groups) > 1
    return [
        table_chart(f"{title} ({unit})" if several and unit else title, columns, grouped, unit)
        for unit, grouped in groups.items()
    ]
