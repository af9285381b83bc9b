"""Turn one recognised sheet into a tidy column table, reporting every bad cell."""

from __future__ import annotations

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
    """Normalise the data rows under ``match``'s header into a ``SheetTable``."""
    fields = [f for f in ROLE_FIELDS[match.role] if f in match.columns.values()]
    pos_of = {f: p for p, f in match.columns.items()}
    table = SheetTable(match.role, file, sheet, match.row_index + 1)
    table.letters = {f: column_letter(first_col + pos_of[f]) for f in fields}
    table.headers = {f: match.headers.get(pos_of[f], f) for f in fields}
    for f in (*fields, "_row"):
        table.columns[f] = []
    for index in range(match.row_index + 1, len(rows)):
        row = rows[index]
        if not any(not v.is_blank(c) for c in row):
            continue
        excel_row = index + 1
        cells = {f: row[pos_of[f]] if pos_of[f] < len(row) else None for f in fields}
        record = _clean_row(cells, table, excel_row, year_hint)
        if record is None:
            continue
        for f in fields:
            table.columns[f].append(record.get(f))
        table.columns["_row"].append(excel_row)
    return table


def _clean_row(
    cells: dict[str, Any], table: SheetTable, excel_row: int, year_hint: int | None
) -> dict[str, Any] | None:
    def report(code: str, f: str, value: Any, sev: Severity = Severity.ERROR, **params: Any) -> None:
        table.problems.append(Problem(
            code, sev, table.file, table.sheet, excel_row, table.letters.get(f, ""),
            table.headers.get(f, ""), v.display(value), params,
        ))

    raw_id = cells.get("agent_id")
    first_text = v.clean_text(raw_id) or v.clean_text(cells.get("name"))
    if first_text in SUMMARY_MARKERS:
        report("row.summary", "agent_id", first_text, Severity.INFO)
        return None
    agent = v.parse_id(raw_id) if not v.is_placeholder(raw_id) else ""
    if not agent:
        report("row.missing_id", "agent_id", raw_id)
        return None
    out: dict[str, Any] = {"agent_id": agent}
    for f, raw in cells.items():
        if f == "agent_id":
            continue
        if v.is_blank(raw):
            out[f] = None
            continue
        if v.is_placeholder(raw):
            report("cell.placeholder", f, raw, Severity.WARNING)
            out[f] = None
            continue
        parsed = _PARSERS.get(f, _parse_text)(raw, year_hint)
        if isinstance(parsed, _Bad):
            report(parsed.code, f, raw, parsed.severity, **parsed.params)
            if parsed.drop_row:
                return None
            out[f] = parsed.fallback
        else:
            out[f] = parsed
    return _check_row(out, report)


def _check_row(out: dict[str, Any], report: Callable[..., None]) -> dict[str, Any] | None:
    replied, asked = out.get("replied"), out.get("inquiries")
    if replied is not None and asked is not None and replied > asked:
        report("row.replied_gt_asked", "replied", replied, replied=v.display(replied),
               asked=v.display(asked))
        out["replied"] = out["inquiries"] = None
    paid, received = out.get("paid_orders"), out.get("received")
    if paid is not None and received is not None and paid > received:
        report("row.paid_gt_received", "paid_orders", paid, Severity.WARNING,
               paid=v.display(paid), received=v.display(received))
    return out


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
