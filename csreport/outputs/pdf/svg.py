"""Inline SVG bar chart of KPI points against their maximum, for the scorecard.

The chart is built from numbers by us, so the template may insert it unescaped; every
piece of text that reaches the markup (KPI names, labels) is XML-escaped here.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from csreport.results import KpiResult

FONT_STACK = (
    "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', "
    "'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', SimHei, sans-serif"
)
COLORS = {
    "ok": "#2f6f9f",
    "veto": "#c0392b",
    "missing": "#b7b7b7",
    "track": "#e9edf2",
    "text": "#2b2b2b",
    "muted": "#6b7280",
}
_STATE_TEXT = {
    "zh": {"veto": "否决", "missing": "缺数据"},
    "en": {"veto": "veto", "missing": "missing"},
}


def finite_or_none(value: float | None) -> float | None:
    """``value`` when it is a real finite number, else None (NaN/inf never reach SVG)."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def format_points(value: float | None) -> str:
    """Points as short text: ``15``, ``12.5``; an em dash when unknown."""
    number = finite_or_none(value)
    if number is None:
        return "—"
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def kpi_state(kpi: KpiResult) -> str:
    """``"veto"``, ``"missing"`` or ``"ok"``: how the KPI is drawn and labelled."""
    if kpi.veto:
        return "veto"
    if kpi.raw is None or finite_or_none(kpi.points) is None:
        return "missing"
    return "ok"


def _n(value: float) -> str:
    """A coordinate rounded for compact markup."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _clip(text: str, limit: float) -> str:
    """Shorten a label to about ``limit`` em so it stays inside the label column."""
    width = 0.0
    for i, ch in enumerate(text):
        # Wide (CJK) characters take a full em, Latin letters and digits about half.
        width += 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55
        if width > limit:
            return text[: max(i - 1, 0)] + "…"
    return text


def kpi_bar_chart(
    kpis: Sequence[KpiResult],
    lang: str = "zh",
    *,
    width: float = 640.0,
    row_height: float = 18.0,
    bar_color: str | None = None,
) -> str:
    """Horizontal bars, one per KPI: grey track = max points, filled bar = points earned.

    Tracks are scaled to the largest maximum, so heavier KPIs get longer tracks.
    Vetoed KPIs are red and labelled 否决; missing ones grey and labelled 缺数据.
    ``bar_color`` (a validated hex colour, e.g. the branding accent) fills the bars.
    Returns an ``<svg>`` element as a string, or an empty string when there are no KPIs.
    """
    if not kpis:
        return ""
    texts = _STATE_TEXT.get(lang, _STATE_TEXT["zh"])
    label_w, value_w, pad = 150.0, 110.0, 6.0
    track_x = label_w + pad
    track_w = max(width - track_x - value_w - pad, 10.0)
    scale_max = max((finite_or_none(k.max_points) or 0.0 for k in kpis), default=0.0) or 1.0
    height = row_height * len(kpis) + 4
    bar_h = row_height * 0.55
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kpi-chart" width="{_n(width)}" '
        f'height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f"font-family={quoteattr(FONT_STACK)} font-size=\"11\">"
    ]
    for i, kpi in enumerate(kpis):
        state = kpi_state(kpi)
        y = 2 + i * row_height
        mid = y + row_height / 2
        bar_y = mid - bar_h / 2
        max_pts = max(finite_or_none(kpi.max_points) or 0.0, 0.0)
        track = track_w * min(max_pts / scale_max, 1.0)
        earned = finite_or_none(kpi.points) or 0.0
        fill = track * min(max(earned / max_pts, 0.0), 1.0) if max_pts else 0.0
        name = kpi.name_en if lang == "en" and kpi.name_en else kpi.name
        out.append(
            f'<text x="{_n(label_w)}" y="{_n(mid + 4)}" text-anchor="end" '
            f'fill="{COLORS["text"]}">{escape(_clip(name, (label_w - pad) / 11))}</text>'
        )
        out.append(
            f'<rect x="{_n(track_x)}" y="{_n(bar_y)}" width="{_n(track)}" '
            f'height="{_n(bar_h)}" rx="2" fill="{COLORS["track"]}"/>'
        )
        if state == "ok" and fill > 0:
            out.append(
                f'<rect x="{_n(track_x)}" y="{_n(bar_y)}" width="{_n(fill)}" '
                f'height="{_n(bar_h)}" rx="2" fill={quoteattr(bar_color or COLORS["ok"])}/>'
            )
        if state == "ok":
            value = f"{format_points(kpi.points)} / {format_points(max_pts)}"
        else:
            value = texts[state]
        if state == "veto":
            out.append(
                f'<rect x="{_n(track_x)}" y="{_n(bar_y)}" width="3" '
                f'height="{_n(bar_h)}" fill="{COLORS["veto"]}"/>'
            )
        # Red, not bold: a bold CJK label would embed a second (synthetic-bold) copy of
        # the font in every PDF showing a veto.
        color = COLORS[{"ok": "text", "veto": "veto", "missing": "muted"}[state]]
        out.append(
            f'<text x="{_n(track_x + track_w + pad)}" y="{_n(mid + 4)}" '
            f'fill="{color}">{escape(value)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def kpi_mini_bar(kpi: KpiResult, *, bar_color: str | None = None, width: float = 100.0,
                 height: float = 6.0) -> str:
    """A small bar for one KPI's table row: grey track = max points, filled = earned.

    A vetoed KPI gets a red track and a missing one an empty track, so the row's state
    shows even in grey-scale print. The bar has no text (the row states the points),
    which keeps it nearly free to lay out, unlike :func:`kpi_bar_chart`.
    """
    state = kpi_state(kpi)
    track = COLORS["veto"] if state == "veto" else COLORS["track"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="kpi-bar" width="{_n(width)}" '
           f'height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}" '
           'preserveAspectRatio="none">'
           f'<rect width="{_n(width)}" height="{_n(height)}" fill="{track}"/>']
    max_pts = finite_or_none(kpi.max_points) or 0.0
    earned = finite_or_none(kpi.points) or 0.0
    if state == "ok" and max_pts > 0 and earned > 0:
        fill = width * min(earned / max_pts, 1.0)
        out.append(f'<rect width="{_n(fill)}" height="{_n(height)}" '
                   f'fill={quoteattr(bar_color or COLORS["ok"])}/>')
    out.append("</svg>")
    return "".join(out)
