"""The small SVG drawings of a scorecard: each KPI row's bar (points against the maximum) and
the line of the agent's 总分 over the last six months.

Both are built by us from numbers and hold no text, so the template may insert them unescaped;
the one value from outside (the branding colour) is quoted as an attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from csreport.outputs.numbers import finite_or_none
from csreport.outputs.numbers import format_coordinate as _n
from csreport.results import KpiResult

COLORS = {
    "ok": "#2f6f9f",
    "veto": "#c0392b",
    "track": "#e9edf2",
    "line": "#6b7280",
    "axis": "#d1d5db",
}


def kpi_state(kpi: KpiResult) -> str:
    """``"veto"``, ``"missing"`` or ``"ok"``: how the KPI is drawn and labelled."""
    if kpi.veto:
        return "veto"
    if kpi.raw is None or finite_or_none(kpi.points) is None:
        return "missing"
    return "ok"


def kpi_mini_bar(
    kpi: KpiResult, *, bar_color: str | None = None, width: float = 100.0, height: float = 6.0
) -> str:
    """A small bar for one KPI's table row: grey track = max points, filled = earned.

    A vetoed KPI gets a red track and a missing one an empty track, so the row's state
    shows even in grey-scale print. The bar has no text (the row states the points),
    which keeps it nearly free to lay out. A KPI without a maximum of its own (a deduction
    or a bonus on top of the total, "扣 3 分") has no scale to draw: "" unless vetoed.
    """
    state = kpi_state(kpi)
    if state != "veto" and (finite_or_none(kpi.max_points) or 0.0) <= 0:
        return ""
    track = COLORS["veto"] if state == "veto" else COLORS["track"]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kpi-bar" width="{_n(width)}" '
        f'height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}" '
        'preserveAspectRatio="none">'
        f'<rect width="{_n(width)}" height="{_n(height)}" fill="{track}"/>'
    ]
    max_pts = finite_or_none(kpi.max_points) or 0.0
    earned = finite_or_none(kpi.points) or 0.0
    if state == "ok" and max_pts > 0 and earned > 0:
        fill = width * min(earned / max_pts, 1.0)
        out.append(
            f'<rect width="{_n(fill)}" height="{_n(height)}" fill={quoteattr(bar_color or COLORS["ok"])}/>'
        )
    out.append("</svg>")
    return "".join(out)


# The total line's size in CSS pixels (96 to the inch: 88 mm × 11 mm), and the room kept above
# and below the plot so that a point is never cut at the edge.
TREND_WIDTH, TREND_HEIGHT = 332.0, 42.0
_MARGIN = 5.0
# The least span of 总分 the plot's height stands for: a month-to-month wobble of one point
# should not look like a plunge.
_LEAST_SPAN = 10.0


def trend_line(totals: Sequence[float | None], *, color: str | None = None) -> str:
    """The agent's 总分 month by month, oldest first: a line through the months with a total,
    one point each, the month the card is for (the last) in ``color``. A month without a total
    breaks the line and has no point, never a point at 0. Each month has an equal slot across
    the width, so text laid out in as many equal columns (the figures above the line, the months
    under it) stands at its point. No text inside: SVG text is slow to draw and not searchable.
    """
    count = len(totals)
    if count == 0:
        return ""
    slot = TREND_WIDTH / count
    values = [finite_or_none(t) for t in totals]
    known = [v for v in values if v is not None]
    low, high = (min(known), max(known)) if known else (0.0, _LEAST_SPAN)
    if high - low < _LEAST_SPAN:
        middle = (high + low) / 2
        low, high = middle - _LEAST_SPAN / 2, middle + _LEAST_SPAN / 2
    plot = TREND_HEIGHT - 2 * _MARGIN

    def x(i: int) -> float:
        return slot * (i + 0.5)

    def y(v: float) -> float:
        return _MARGIN + (high - v) / (high - low) * plot

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-line" width="{_n(TREND_WIDTH)}" '
        f'height="{_n(TREND_HEIGHT)}" viewBox="0 0 {_n(TREND_WIDTH)} {_n(TREND_HEIGHT)}">',
        f'<line x1="0" y1="{_n(TREND_HEIGHT - 0.5)}" x2="{_n(TREND_WIDTH)}" y2="{_n(TREND_HEIGHT - 0.5)}" '
        f'stroke="{COLORS["axis"]}" stroke-width="0.75"/>',
    ]
    run: list[str] = []  # the points of the line since the last gap
    for i, v in enumerate([*values, None]):
        if v is not None:
            run.append(f"{_n(x(i))},{_n(y(v))}")
            continue
        if len(run) > 1:
            out.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{COLORS["line"]}" '
                'stroke-width="1.5" stroke-linejoin="round"/>'
            )
        run = []
    for i, v in enumerate(values):
        if v is not None:
            last = i == count - 1
            fill = quoteattr(color or COLORS["ok"]) if last else f'"{COLORS["line"]}"'
            out.append(f'<circle cx="{_n(x(i))}" cy="{_n(y(v))}" r="{"3" if last else "2.2"}" fill={fill}/>')
    out.append("</svg>")
    return "".join(out)
