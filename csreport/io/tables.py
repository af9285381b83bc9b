"""Turn one recognised sheet into a tidy column table, reporting every bad cell."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from csreport.domain import ATTENDANCE_STATUSES, ATTITUDE_ITEMS, SUMMARY_MARKERS
from csreport.io import values as v
from csreport.io.headers import ITEM_FIELDS, ROLE_FIELDS, HeaderMatch
from csreport.problems import Problem, Severity

COUNT_FIELDS = ("received", "inquiries", "replied", "pre_sales", "paid_orders", "sales")
DURATION_FIELDS = ("avg_response_s", "first_response_s")
TEXT_FIELDS = ("name", "group", "level", "subaccount", "chat_id", "satisfaction", "error_type")
_STATUS_ALIASES = {
    "正常": "出勤", "正常出勤": "出勤", "事假": "请假", "病假": "请假", "年假": "请假",
    "婚假": "请假", "产假": "请假", "缺勤": "旷工", "调休": "休息", "轮休": "休息", "休": "休息",
}
_POST_ALIASES = {"试用期": "试用期", "试用": "试用期", "实习期": "试用期", "实习": "试用期",
                 "正式": "正式", "转正": "正式", "正式员工": "正式", "": ""}
_ITEM_MAX = dict(zip(ITEM_FIELDS, (m for _, m in ATTITUDE_ITEMS), strict=True))


def column_letter(index: int) -> str:
    """Excel column letter for a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class SheetTable:
    """A sheet's data as columns of clean values, plus where each row came from."""

    role: str
    file: str
    sheet: str
    header_row: int  # Excel row number of the header
    columns: dict[str, list[Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)  # field → column letter
    headers: dict[str, str] = field(default_factory=dict)  # field → header text

    def __len__(self) -> int:
        return len(self.columns.get("_row", []))


def build_table(
    rows: list[list[Any]], match: HeaderMatch, file: str, sheet: str, first_col: int,
    year_hint: int | None,
) -> SheetTable:
    """Normalise the data rows under ``match``'s header into a ``SheetTable``.

    Work is column-wise with a cache per column: ids, dates and statuses repeat on every
    row of a month, so each distinct cell text is parsed once.
    """
    fields = [f for f in ROLE_FIELDS[match.role] if f in match.columns.values()]
    pos_of = {f: p for p, f in match.columns.items()}
    table = SheetTable(match.role, file, sheet, match.row_index + 1)
    table.letters = {f: column_letter(first_col + pos_of[f]) for f in fields}
    table.headers = {f: match.headers.get(pos_of[f], f) for f in fields}
    data = [(i + 1, r) for i, r in enumerate(rows) if i > match.row_index and _has_content(r)]
    excel_rows = [n for n, _ in data]
    raw: dict[str, list[Any]] = {
        f: [r[pos_of[f]] if pos_of[f] < len(r) else None for _, r in data] for f in fields
    }
    keep = [True] * len(data)

    def report(i: int, code: str, f: str, value: Any, sev: Severity = Severity.ERROR,
               **params: Any) -> None:
        table.problems.append(Problem(
            code, sev, file, sheet, excel_rows[i], table.letters.get(f, ""),
            table.headers.get(f, ""), v.display(value), params,
        ))

    clean = {"agent_id": _ids(raw["agent_id"], raw.get("name"), keep, report)}
    for f in fields:
        if f != "agent_id":
            clean[f] = _column(f, raw[f], keep, report, year_hint)
    _check_rows(clean, keep, report)
    for f in fields:
        table.columns[f] = [x for x, k in zip(clean[f], keep, strict=True) if k]
    table.columns["_row"] = [n for n, k in zip(excel_rows, keep, strict=True) if k]
    return table


def _has_content(row: list[Any]) -> bool:
    return any(c is not None and c != "" and not (isinstance(c, str) and not c.strip())
               for c in row)


Report = Callable[..., None]


def _ids(raw: list[Any], names: list[Any] | None, keep: list[bool], report: Report) -> list[Any]:
    out: list[Any] = []
    texts: dict[Any, str] = {}
    for i, cell in enumerate(raw):
        key = (type(cell), cell)
        if key not in texts:
            texts[key] = v.clean_text(cell)
        first_text = texts[key] or (v.clean_text(names[i]) if names else "")
        if first_text in SUMMARY_MARKERS:
            report(i, "row.summary", "agent_id", first_text, Severity.INFO)
            keep[i] = False
            out.append(None)
            continue
        agent = _parse_id_cached(cell)
        if not agent:
            report(i, "row.missing_id", "agent_id", cell)
            keep[i] = False
        out.append(agent or None)
    return out


@functools.lru_cache(maxsize=65536)
def _parse_id_cached(cell: Any) -> str:
    return "" if v.is_placeholder(cell) else v.parse_id(cell)


def _column(f: str, raw: list[Any], keep: list[bool], report: Report,
            year_hint: int | None) -> list[Any]:
    parser = _PARSERS.get(f, _parse_text)
    numeric = f in _NUMERIC
    cache: dict[Any, Any] = {}
    out: list[Any] = []
    for i, cell in enumerate(raw):
        if cell is None or cell == "":
            out.append(None)
            continue
        kind = type(cell)
        if numeric and (kind is float or kind is int) and cell >= 0 and cell == cell:
            out.append(float(cell) if f not in _BOUNDED or cell <= _BOUNDED[f] else _ITEM_BAD)
        else:
            key = (kind, cell)
            parsed = cache.get(key, _MISS)
            if parsed is _MISS:
                if isinstance(cell, str) and not cell.strip():
                    parsed = None
                elif v.is_placeholder(cell):
                    parsed = _Bad("cell.placeholder", Severity.WARNING)
                else:
                    parsed = parser(cell, year_hint)
                cache[key] = parsed
            out.append(parsed)
        if isinstance(out[-1], _Bad):
            bad = out[-1]
            if bad is _ITEM_BAD:
                bad = _Bad("cell.out_of_range", params={"low": 0, "high": v.display(_BOUNDED[f])})
            if keep[i]:
                report(i, bad.code, f, cell, bad.severity, **bad.params)
            if bad.drop_row:
                keep[i] = False
            out[-1] = bad.fallback
    return out


def _check_rows(clean: dict[str, list[Any]], keep: list[bool], report: Report) -> None:
    replied, asked = clean.get("replied"), clean.get("inquiries")
    if replied is not None and asked is not None:
        for i, (r, a) in enumerate(zip(replied, asked, strict=True)):
            if r is not None and a is not None and r > a and keep[i]:
                report(i, "row.replied_gt_asked", "replied", r, replied=v.display(r),
                       asked=v.display(a))
                replied[i] = asked[i] = None
    paid, received = clean.get("paid_orders"), clean.get("received")
    if paid is not None and received is not None:
        for i, (p, n) in enumerate(zip(paid, received, strict=True)):
            if p is not None and n is not None and p > n and keep[i]:
                report(i, "row.paid_gt_received", "paid_orders", p, Severity.WARNING,
                       paid=v.display(p), received=v.display(n))


@dataclass(frozen=True)
class _Bad:
    code: str
    severity: Severity = Severity.ERROR
    drop_row: bool = False
    fallback: Any = None
    params: dict[str, Any] = field(default_factory=dict)


def _parse_text(raw: Any, _year: int | None) -> Any:
    return v.clean_text(raw)


def _nonneg(parser: Callable[[Any], float]) -> Callable[[Any, int | None], Any]:
    def parse(raw: Any, _year: int | None) -> Any:
        try:
            number = parser(raw)
        except (ValueError, TypeError):
            return _Bad("cell.not_number")
        return _Bad("cell.negative") if number < 0 else number
    return parse


def _bounded(high: float) -> Callable[[Any, int | None], Any]:
    def parse(raw: Any, _year: int | None) -> Any:
        try:
            number = v.parse_number(raw)
        except (ValueError, TypeError):
            return _Bad("cell.not_number")
        if not 0 <= number <= high:
            return _Bad("cell.out_of_range", params={"low": 0, "high": v.display(high)})
        return number
    return parse


def _date(raw: Any, year: int | None) -> Any:
    try:
        return v.parse_date(raw, year)
    except (ValueError, TypeError, OverflowError):
        return _Bad("cell.not_date", drop_row=True)


def _hire_date(raw: Any, year: int | None) -> Any:
    try:
        return v.parse_date(raw, year)
    except (ValueError, TypeError, OverflowError):
        return _Bad("cell.not_date", Severity.WARNING)


def _status(raw: Any, _year: int | None) -> Any:
    text = v.clean_text(raw)
    text = _STATUS_ALIASES.get(text, text)
    return text if text in ATTENDANCE_STATUSES else _Bad("cell.bad_status", drop_row=True)


def _post(raw: Any, _year: int | None) -> Any:
    text = v.clean_text(raw)
    if text in _POST_ALIASES:
        return _POST_ALIASES[text]
    return _Bad("cell.bad_post_status", Severity.WARNING, fallback="正式")


def _yes_no(raw: Any, _year: int | None) -> Any:
    try:
        return v.parse_yes_no(raw)
    except ValueError:
        return _Bad("cell.bad_yesno")


_MISS = object()
_NUMERIC = frozenset((*COUNT_FIELDS, *DURATION_FIELDS, *ITEM_FIELDS, "attitude_score"))
_BOUNDED = {**_ITEM_MAX, "attitude_score": 100.0}
_ITEM_BAD = _Bad("cell.out_of_range")  # marker; replaced by a located problem with its bound

_PARSERS: dict[str, Callable[[Any, int | None], Any]] = {
    **{f: _nonneg(v.parse_count) for f in COUNT_FIELDS},
    **{f: _nonneg(v.parse_duration) for f in DURATION_FIELDS},
    **{f: _bounded(m) for f, m in _ITEM_MAX.items()},
    "attitude_score": _bounded(100),
    "date": _date,
    "hire_date": _hire_date,
    "att_status": _status,
    "post_status": _post,
    "shop_risk": _yes_no,
}
