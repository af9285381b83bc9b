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


def _amount(value: float, decimals: int) -> str:
    """A number with thousands separated and exactly ``decimals`` decimals ("1,200.50")."""
    text = f"{value:,.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


def _whole_or_decimals(value: float) -> str:
    """A count or a number of days: "3" when whole, else up to two decimals ("2.5")."""
    if value.is_integer():
        return _amount(value, 0)
    return _amount(value, 2).rstrip("0").rstrip(".")


def format_value(kpi: KpiResult, lang: str = "zh") -> str:
    """The raw KPI value with its unit, in ``lang``: seconds ``45.6 秒`` (``45.6 s``), rates
    ``96.04%``, scores ``72.0 分`` (``72.0 pts``), counts ``0 次`` (English: ``0``), days
    ``3 天``, money ``1,200.00 元``; a value of another unit as a plain number.

    The one formatter of a KPI's value on the PDFs; the words of each unit are the
    catalogue's ``unit.*`` (shared with the bands and rules in words).
    """
    raw = finite_or_none(kpi.raw)
    if raw is None:
        return UNKNOWN
    unit = kpi.unit
    # More decimals when the usual ones would show the value outside its band (KpiResult.decimals).
    extra = kpi.decimals
    if unit == "%":
        n = _amount(raw * 100, extra or 2)
    elif unit in ("s", "score"):
        n = _amount(raw, extra or 1)
    elif unit == "yuan":
        n = _amount(raw, extra or 2)
    elif unit in ("count", "day"):
        n = _whole_or_decimals(raw)
    else:
        return format_number(raw)
    return translate(f"unit.{unit}", lang, n=n)


def format_coordinate(value: float) -> str:
    """A drawing coordinate or size with at most one decimal, for compact SVG markup."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
