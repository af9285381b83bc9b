"""Per-field cell parsers: each turns one raw cell into a clean value or a ``Bad`` verdict."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from csreport.domain import ATTENDANCE_STATUSES, ATTITUDE_ITEMS
from csreport.inputs import values as v
from csreport.inputs.headers import ITEM_FIELDS
from csreport.problems import Severity

COUNT_FIELDS = (
    "received",
    "inquiries",
    "replied",
    "unreplied",
    "pre_sales",
    "inquiry_paid",
    "paid_orders",
    "sales",
    "work_days",
    "bonus_base",
)
DURATION_FIELDS = ("avg_response_s", "first_response_s")
RATE_FIELDS = (
    "reply_rate",
    "unreplied_rate",
    "inquiry_conversion",
    "inquiry_loss_rate",
    "satisfaction_rate",
)
ITEM_MAX = dict(zip(ITEM_FIELDS, (m for _, m in ATTITUDE_ITEMS), strict=True))
# A day's response time beyond a day (86,400 s) is a typing or export slip, not a time.
DURATION_MAX = 86_400.0
BOUNDED = {**ITEM_MAX, "attitude_score": 100.0, **dict.fromkeys(DURATION_FIELDS, DURATION_MAX)}
NUMERIC = frozenset((*COUNT_FIELDS, *DURATION_FIELDS, *ITEM_FIELDS, "attitude_score"))
# The largest count, amount or duration taken as real: a trillion (元, seconds, chats) is
# beyond any shop's month, and anything larger (1e308) would overflow to infinity once
# summed, then to NaN in a ratio. Finite, so the comparison also refuses inf and NaN.
LARGEST = 1e12

_STATUS_ALIASES = {
    "正常": "出勤",
    "正常出勤": "出勤",
    "事假": "请假",
    "病假": "请假",
    "年假": "请假",
    "婚假": "请假",
    "产假": "请假",
    "缺勤": "旷工",
    "调休": "休息",
    "轮休": "休息",
    "休": "休息",
}
_POST_ALIASES = {
    "试用期": "试用期",
    "试用": "试用期",
    "实习期": "试用期",
    "实习": "试用期",
    "正式": "正式",
    "转正": "正式",
    "正式员工": "正式",
    "": "",
}


@dataclass(frozen=True)
class Context:
    """What parsing a cell may depend on beyond the cell: the year and date system."""

    year: int | None = None
    date1904: bool = False


@dataclass(frozen=True)
class Bad:
    """A cell that could not be used: the problem code and what to do with the row."""

    code: str
    severity: Severity = Severity.ERROR
    drop_row: bool = False
    fallback: Any = None
    params: dict[str, Any] = field(default_factory=dict)
    show_value: bool = True  # False when the value read is not what the cell holds


Parser = Callable[[Any, Context], Any]


def _text(raw: Any, _ctx: Context) -> Any:
    return v.clean_text(raw)


def _nonneg(parse_fn: Callable[[Any], float], high: float = LARGEST) -> Parser:
    def parse(raw: Any, _ctx: Context) -> Any:
        try:
            number = parse_fn(raw)
        except (ValueError, TypeError, OverflowError):
            return Bad("cell.not_number")
        if not math.isfinite(number):
            return Bad("cell.not_number")  # parse_fn refuses these; kept as a guard
        if number < 0:
            return Bad("cell.negative")
        if number > high:
            return Bad("cell.out_of_range", params={"low": 0, "high": v.display(high)})
        return number

    return parse


def bounded(high: float) -> Parser:
    """A number that must lie in [0, high]."""

    def parse(raw: Any, _ctx: Context) -> Any:
        try:
            number = v.parse_number(raw)
        except (ValueError, TypeError, OverflowError):
            return Bad("cell.not_number")
        if not 0 <= number <= high:
            return Bad("cell.out_of_range", params={"low": 0, "high": v.display(high)})
        return number

    return parse


def _date(raw: Any, ctx: Context) -> Any:
    if isinstance(raw, dt.time):
        # What a date-formatted 0, -5 or 0.25 arrives as: the reader keeps only the time of
        # day, so "00:00:00" is not what the cell holds and is not shown.
        return Bad("cell.date_not_positive", drop_row=True, show_value=False)
    try:
        return v.parse_date(raw, ctx.year, ctx.date1904)
    except (ValueError, TypeError, OverflowError):
        return Bad("cell.not_date", drop_row=True)


def _hire_date(raw: Any, ctx: Context) -> Any:
    """The roster's 入职日期: a bad one is a warning, and the agent is still scored."""
    if isinstance(raw, dt.time):
        return Bad("cell.hire_date_not_positive", Severity.WARNING, show_value=False)
    try:
        return v.parse_date(raw, ctx.year, ctx.date1904)
    except (ValueError, TypeError, OverflowError):
        return Bad("cell.bad_hire_date", Severity.WARNING)


def _status(raw: Any, _ctx: Context) -> Any:
    text = v.clean_text(raw)
    text = _STATUS_ALIASES.get(text, text)
    return text if text in ATTENDANCE_STATUSES else Bad("cell.bad_status", drop_row=True)


def _post(raw: Any, _ctx: Context) -> Any:
    text = v.clean_text(raw)
    if text in _POST_ALIASES:
        return _POST_ALIASES[text]
    return Bad("cell.bad_post_status", Severity.WARNING, fallback="正式")


def _yes_no(raw: Any, _ctx: Context) -> Any:
    try:
        return v.parse_yes_no(raw)
    except ValueError:
        return Bad("cell.bad_yesno")


PARSERS: dict[str, Parser] = {
    **{f: _nonneg(v.parse_count) for f in COUNT_FIELDS},
    **{f: _nonneg(v.parse_duration, DURATION_MAX) for f in DURATION_FIELDS},
    **{f: bounded(m) for f, m in ITEM_MAX.items()},
    "attitude_score": bounded(100),
    "date": _date,
    "hire_date": _hire_date,
    "att_status": _status,
    "post_status": _post,
    "shop_risk": _yes_no,
}


def _score(raw: Any, _ctx: Context) -> Any:
    """A declared score: any finite number (a platform's score may be negative)."""
    try:
        number = v.parse_number(raw)
    except (ValueError, TypeError, OverflowError):
        return Bad("cell.not_number")
    if abs(number) > LARGEST:
        return Bad("cell.out_of_range", params={"low": v.display(-LARGEST), "high": v.display(LARGEST)})
    return number


# A declared field's parser by its unit ("%" columns go through ``parse_rates``).
_BY_UNIT: dict[str, Parser] = {
    "s": _nonneg(v.parse_duration, DURATION_MAX),
    "count": _nonneg(v.parse_count),
    "yuan": _nonneg(v.parse_count),
    "score": _score,
}


def declared_parser(unit: str | None) -> Parser | None:
    """The parser of a declared field of ``unit``; None for a built-in field (no unit)."""
    return _BY_UNIT.get(unit) if unit else None


def parser_for(field_name: str) -> Parser:
    """The parser for a field; unknown fields are plain text."""
    return PARSERS.get(field_name, _text)


def parse_rates(raw: list[Any]) -> tuple[list[Any], bool, bool]:
    """A rate column as fractions, by one rule for the whole column.

    Cells written with ``%`` are percentages. Plain numbers are fractions when every one
    of them is at most 1, and percentage points (99.71 → 0.9971) as soon as one exceeds
    1. Returns (values or ``Bad``, percentage-points rule used, column mixes scales).
    """
    numbers: list[float | None] = []
    for cell in raw:
        if (isinstance(cell, str) and "%" in cell) or v.is_blank(cell) or v.is_placeholder(cell):
            numbers.append(None)
            continue
        try:
            numbers.append(v.parse_number(cell))
        except (ValueError, TypeError):
            numbers.append(None)
    plain = [n for n in numbers if n is not None]
    points = any(n > 1 for n in plain)
    mixed = points and any(0 < n < 1 for n in plain)
    out: list[Any] = []
    for cell, number in zip(raw, numbers, strict=True):
        if v.is_blank(cell):
            out.append(None)
        elif v.is_placeholder(cell):
            out.append(Bad("cell.placeholder", Severity.WARNING))
        elif isinstance(cell, str) and "%" in cell:
            try:
                out.append(_rate_bounds(v.parse_percent(cell)))
            except (ValueError, TypeError):
                out.append(Bad("cell.not_number"))
        elif number is None:
            out.append(Bad("cell.not_number"))
        else:
            out.append(_rate_bounds(v.points_to_fraction(number) if points else number))
    return out, points, mixed


def _rate_bounds(rate: float) -> Any:
    if not 0 <= rate <= 1:
        return Bad("cell.out_of_range", params={"low": "0%", "high": "100%"})
    return rate
