"""Numbers as the reports show them: points, quantities, KPI values in their unit.

Values come from scoring and from users' workbooks, so every formatter accepts ``None``,
NaN and infinity and shows them as an em dash (or, for drawing, as nothing) instead of
``nan`` or a traceback.
"""

from __future__ import annotations

import math

from csreport.messages import translate
from csreport.results import KpiResult

UNKNOWN = "—"


def finite_or_none(value: float | None) -> float | None:
    """``value`` when it is a real finite number, else None (NaN/inf never reach a report)."""
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
        return UNKNOWN
    text = f"{number:.1f}"
    return text[:-2] if text.endswith(".0") else text


def format_number(value: float | None, decimals: int = 2) -> str:
    """A quantity without pointless decimals: ``1000``, ``990.5``; em dash when unknown."""
    number = finite_or_none(value)
    if number is None:
        return UNKNOWN
    text = f"{number:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{number:.0f}"
    return "0" if text == "-0" else text


def format_value(kpi: KpiResult, lang: str = "zh") -> str:
    """The raw KPI value in its unit: ``42.5 秒`` (``42.5 s``), ``98.50%``, ``82.3``, ``3``."""
    raw = finite_or_none(kpi.raw)
    if raw is None:
        return UNKNOWN
    if kpi.unit == "s":
        return f"{raw:.1f} {translate('scorecard.seconds', lang)}"
    if kpi.unit == "%":
        return f"{raw * 100:.2f}%"
    if kpi.unit == "score":
        return f"{raw:.1f}"
    if kpi.unit == "count":
        return f"{round(raw):d}"
    if kpi.unit == "yuan":
        return f"{raw:,.2f} {translate('scorecard.yuan', lang)}"
    return format_number(raw)


def format_coordinate(value: float) -> str:
    """A drawing coordinate or size with at most one decimal, for compact SVG markup."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
