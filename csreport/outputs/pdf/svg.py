"""The small SVG bar each KPI row of a scorecard carries: points against the maximum.

The bar is built from numbers by us and holds no text, so the template may insert it
unescaped; the one value from outside (the branding colour) is quoted as an attribute.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from csreport.outputs.numbers import finite_or_none
from csreport.outputs.numbers import format_coordinate as _n
from csreport.results import KpiResult

COLORS = {
    "ok": "#2f6f9f",
    "veto": "#c0392b",
    "track": "#e9edf2",
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
