"""Small server-side SVG charts (no JavaScript, no inline style: the CSP allows neither).

Each chart has a <title> and an aria-label; pages show the same figures in a table."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 640, 220, 36
COLOURS = {"score": "#a3161a", "score_a": "#1d4e89", "score_b": "#2e7d32", "score_c": "#8a5a00"}


def _frame(label: str, body: str, max_value: float) -> SafeString:
    grid = []
    for step in range(5):
        value = max_value * step / 4
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * step / 4
        grid.append(
            f'<line x1="{PAD}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d0d0"/>'
            f'<text x="{PAD - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#333">{value:.0f}</text>'
        )
    return mark_safe(  # noqa: S308 - every interpolated text is escaped above
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)}</title>{''.join(grid)}{body}</svg>"
    )


def line_chart(
    label: str,
    labels: list[str],
    series: dict[str, list[float | None]],
    names: dict[str, str] | None = None,
) -> SafeString:
    """Lines on a 0–100 scale, one per series, with a legend; gaps where a value is None."""
    count = max(len(labels), 1)
    step = (WIDTH - PAD - 48) / max(count - 1, 1)

    def point(i: int, value: float) -> str:
        x = PAD + 8 + i * step
        y = HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / 100
        return f"{x:.1f},{y:.1f}"

    body = []
    for name, values in series.items():
        points = [point(i, v) for i, v in enumerate(values) if v is not None]
        colour = COLOURS.get(name, "#555")
        if len(points) > 1:
            body.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                f'points="{" ".join(points)}"/>'
            )
        for p in points:
            x, y = p.split(",")
            body.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>')
    for index, (name, text) in enumerate((names or {}).items()):
        x = PAD + 8 + index * 140
        body.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{COLOURS.get(name, "#555")}"/>'
            f'<text x="{x + 16}" y="16" font-size="11" fill="#333">{escape(text)}</text>'
        )
    for i, text in enumerate(labels):
        x = PAD + 8 + i * step
        body.append(
            f'<text x="{x:.1f}" y="{HEIGHT - 12}" text-anchor="middle" font-size="10" '
            f'fill="#333">{escape(text)}</text>'
        )
    return _frame(label, "".join(body), 100)


def bar_chart(label: str, labels: list[str], values: list[int]) -> SafeString:
    """Vertical bars, scaled to the largest value; every 5th label shown."""
    top = max(values or [0]) or 1
    count = max(len(values), 1)
    slot = (WIDTH - PAD - 16) / count
    body = []
    for i, value in enumerate(values):
        height = (HEIGHT - 2 * PAD) * value / top
        x = PAD + 8 + i * slot
        body.append(
            f'<rect x="{x:.1f}" y="{HEIGHT - PAD - height:.1f}" width="{max(slot - 2, 1):.1f}" '
            f'height="{height:.1f}" fill="#1d4e89"><title>{escape(labels[i])}: {value}</title>'
            "</rect>"
        )
        if i % 5 == 0 or i == count - 1:
            body.append(
                f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
                f'font-size="10" fill="#333">{escape(labels[i])}</text>'
            )
    return _frame(label, "".join(body), top)
