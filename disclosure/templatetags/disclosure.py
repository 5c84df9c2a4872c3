"""Number formatting and chart helpers for the disclosure templates."""

from django import template

from ..tables import format_vn_number

register = template.Library()


@register.filter
def vn_number(value) -> str:
    """1234567.5 → '1.234.567,5'; empty cells stay empty."""
    try:
        return format_vn_number(value)
    except (ArithmeticError, ValueError, TypeError):
        return str(value)


@register.filter
def chart_rows(chart) -> list:
    """(category, [value per series]) pairs: the chart's data as table rows."""
    return [
        (category, [values[i] if i < len(values) else None for _name, values in chart.series])
        for i, category in enumerate(chart.categories)
    ]
